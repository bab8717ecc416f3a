using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;

namespace Conversations.Tests.Security;

/// <summary>
/// One conversation between a person, a group and two more people, one of whom the person blocked and one who then
/// deleted their account; around it, everyone who might try to reach it — an administrator of the platform too.
/// </summary>
public sealed class MatrixScenario : DomainFixture
{
    public const string Secret = "the matrix secret";

    public Dictionary<string, Actor> Actors { get; } = [];

    public Guid ConversationId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var people = await this.PeopleAsync(9);
        var (participant, blocked, deleted, manager, member, removed, stranger) = (
            people[0],
            people[1],
            people[2],
            people[3],
            people[4],
            people[5],
            people[6]
        );
        var group = await this.NewGroupAsync(manager, admins: [removed], members: [member]);
        ConversationId = (
            await this.StartAsync(participant, Secret, blocked, deleted, new Participant { Id = group.Id })
        )
            .Value!
            .ConversationId;
        await this.ReplyAsAsync(removed.For(group), ConversationId, "written while still an admin");
        await Get<RemoveGroupMember>()
            .HandleAsync(
                new RemoveGroupMemberCommand(new PersonId(manager.Id), new GroupId(group.Id), new PersonId(removed.Id))
            );
        await Get<BlockParticipant>().HandleAsync(new PersonId(participant.Id), new ParticipantId(blocked.Id));
        (
            await InScopeAsync<DeleteAccount, Result<bool>>(d =>
                d.HandleAsync(new DeleteAccountCommand(deleted.Id, Registering.Password, true))
            )
        )
            .Succeeded.Should()
            .BeTrue();

        Actors["participant"] = Actor.Person(participant.Id);
        Actors["blocked participant"] = Actor.Person(blocked.Id);
        Actors["deleted account"] = Actor.Person(deleted.Id);
        Actors["stranger"] = Actor.Person(stranger.Id);
        Actors["group member, in person"] = Actor.Person(member.Id);
        Actors["group member, as the group"] = member.For(group);
        Actors["group manager, in person"] = Actor.Person(manager.Id);
        Actors["group manager, as the group"] = manager.For(group);
        Actors["removed manager, in person"] = Actor.Person(removed.Id);
        Actors["removed manager, as the group"] = removed.For(group);
        Actors["creator of an unrelated group, as it"] = people[7].For(await this.NewGroupAsync(people[7]));
        (await Get<Conversations.Domain.Moderation.Administrators>().GrantAsync(people[8].Email!)).Should().BeTrue();
        Actors["administrator"] = Actor.Person(people[8].Id);
    }
}

public class AuthorizationMatrixTests(MatrixScenario scenario) : IClassFixture<MatrixScenario>
{
    private static readonly NotFound DoesNotExist = new(ProblemCodes.ConversationNotFound);

    /// <summary>Who reads the conversation, and who may write in it; everyone else gets "not found".</summary>
    public static TheoryData<string, bool, bool> Matrix() =>
        new()
        {
            { "participant", true, true },
            { "blocked participant", true, false },
            { "deleted account", false, false },
            { "stranger", false, false },
            { "group member, in person", false, false },
            { "group member, as the group", false, false },
            { "group manager, in person", false, false },
            { "group manager, as the group", true, true },
            { "removed manager, in person", false, false },
            { "removed manager, as the group", false, false },
            { "creator of an unrelated group, as it", false, false },
            { "administrator", false, false },
        };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_the_participants_and_the_group_s_current_managers_read_and_answer_the_conversation(
        string role,
        bool reads,
        bool writes
    )
    {
        var actor = scenario.Actors[role];
        var id = scenario.ConversationId;

        var view = await scenario.Get<GetConversation>().HandleAsync(actor, new ConversationId(id));
        var older = await scenario.Get<GetConversation>().HandleAsync(actor, new ConversationId(id), beforeSeq: 2);
        var mark = await scenario.Get<MarkRead>().HandleAsync(actor, new ConversationId(id));
        var inbox = await scenario.Get<GetInbox>().HandleAsync(actor);
        var unread = await scenario.Get<CountUnread>().HandleAsync(actor.PersonId);
        var others = view.Succeeded ? view.Value.Others.Select(o => o.Id).ToList() : [];
        var reply = await scenario.ReplyAsAsync(actor, id, $"reply from {role}");

        if (reads)
        {
            view.Value!.Messages[0].Body.Should().Be(MatrixScenario.Secret);
            older.Value!.Messages.Single().Body.Should().Be(MatrixScenario.Secret);
            mark.Succeeded.Should().BeTrue();
            inbox.Value!.Rows.Should().Contain(r => r.ConversationId == id);
            (await scenario.Get<FindConversation>().HandleAsync(actor, others)).Should().Be(id);
        }
        else
        {
            view.Problem.Should().Be(DoesNotExist);
            older.Problem.Should().Be(DoesNotExist);
            mark.Problem.Should().Be(DoesNotExist);
            (inbox.Value?.Rows ?? []).Should().NotContain(r => r.ConversationId == id);
            if (!role.StartsWith("group manager", StringComparison.Ordinal))
            {
                unread
                    .Total.Should()
                    .Be(0, "nothing of a conversation one cannot see is counted (a manager counts it for the group)");
            }
        }

        if (writes)
        {
            reply.Succeeded.Should().BeTrue();
        }
        else
        {
            if (reads)
            {
                reply
                    .Problem.Should()
                    .BeOfType<NotAllowed>()
                    .Which.InEnglish()
                    .Should()
                    .EndWith("does not accept messages from you.");
            }
            else
            {
                reply.Problem.Should().Be(DoesNotExist);
            }
        }
    }

    [Theory]
    [InlineData("stranger")]
    [InlineData("group member, as the group")]
    [InlineData("removed manager, as the group")]
    public async Task Guessing_ids_reveals_nothing_not_even_that_a_conversation_exists(string role)
    {
        var actor = scenario.Actors[role];
        var real = scenario.ConversationId;
        var bytes = real.ToByteArray();
        bytes[^1]++;
        var next = new Guid(bytes);
        var guesses = new[] { real, next, Guid.NewGuid(), Guid.CreateVersion7(), Guid.Empty };

        foreach (var guess in guesses)
        {
            (await scenario.Get<GetConversation>().HandleAsync(actor, new ConversationId(guess)))
                .Problem.Should()
                .Be(DoesNotExist);
            (await scenario.Get<MarkRead>().HandleAsync(actor, new ConversationId(guess)))
                .Problem.Should()
                .Be(DoesNotExist);
            (await scenario.ReplyAsAsync(actor, guess, "hello?")).Problem.Should().Be(DoesNotExist);
        }
    }
}
