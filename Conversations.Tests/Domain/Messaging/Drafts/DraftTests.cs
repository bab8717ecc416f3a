using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain;

public class DraftTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    private Drafts Drafts => fixture.Get<Drafts>();

    [Fact]
    public async Task A_draft_is_kept_per_person_place_and_writer_replaced_by_the_next_save_and_gone_once_emptied_or_sent()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(alice, "hello", bob)).Value!.ConversationId;
        var here = DraftPlace.InConversation(new ConversationId(id));

        (await Drafts.SaveAsync(Actor.Person(bob.Id), here, "Half a tho")).Value.Should().BeTrue();
        (await Drafts.SaveAsync(Actor.Person(bob.Id), here, "Half a thought, then the tunnel")).Value.Should().BeTrue();
        (await Drafts.SaveAsync(Actor.Person(bob.Id), DraftPlace.NewConversationWith([alice.Id]), "Another place"))
            .Value.Should()
            .BeTrue();

        (await Drafts.GetAsync(Actor.Person(bob.Id), here)).Should().Be("Half a thought, then the tunnel");
        (await Drafts.GetAsync(Actor.Person(alice.Id), here)).Should().BeNull("a draft is its writer's alone");
        (await Drafts.GetAsync(Actor.Person(bob.Id), DraftPlace.NewConversationWith([alice.Id])))
            .Should()
            .Be("Another place");

        (await Drafts.SaveAsync(Actor.Person(bob.Id), here, "  \n "))
            .Value.Should()
            .BeFalse("an emptied box keeps nothing");
        (await Drafts.GetAsync(Actor.Person(bob.Id), here)).Should().BeNull();
        await Drafts.SaveAsync(Actor.Person(bob.Id), here, "to be sent");
        await Drafts.ClearAsync(Actor.Person(bob.Id), here);
        (await Drafts.GetAsync(Actor.Person(bob.Id), here)).Should().BeNull();
    }

    [Fact]
    public async Task Nobody_keeps_a_draft_where_they_may_not_write_and_a_draft_is_held_to_the_reply_boxs_size_and_storable_text()
    {
        var (alice, bob, nosy) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var id = (await fixture.StartAsync(alice, "private", bob)).Value!.ConversationId;

        (await Drafts.SaveAsync(Actor.Person(nosy.Id), DraftPlace.InConversation(new ConversationId(id)), "let me in"))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.ConversationNotFound));
        (
            await Drafts.SaveAsync(
                Actor.Person(bob.Id),
                DraftPlace.InConversation(new ConversationId(id)),
                new string('a', Drafts.MaxLength + 1)
            )
        )
            .Problem.Should()
            .BeOfType<Invalid>();
        (await Drafts.SaveAsync(Actor.Person(bob.Id), DraftPlace.InConversation(new ConversationId(id)), "nul\0byte"))
            .Problem.Should()
            .BeOfType<Invalid>();
        (
            await Drafts.SaveAsync(
                Actor.Person(bob.Id),
                DraftPlace.InConversation(new ConversationId(id)),
                new string('a', Drafts.MaxLength)
            )
        )
            .Succeeded.Should()
            .BeTrue("a draft may be too long to send: the box says how much to cut, and nothing typed is lost");
    }

    [Fact]
    public async Task Drafts_are_erased_with_the_account()
    {
        var (alice, leaver) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(alice, "hi", leaver)).Value!.ConversationId;
        await Drafts.SaveAsync(
            Actor.Person(leaver.Id),
            DraftPlace.InConversation(new ConversationId(id)),
            "never sent"
        );

        (
            await fixture.InScopeAsync<DeleteAccount, Result<bool>>(d =>
                d.HandleAsync(new DeleteAccountCommand(leaver.Id, Registering.Password, true))
            )
        )
            .Succeeded.Should()
            .BeTrue();

        await using var db = await fixture.DbAsync();
        (await db.Drafts.CountAsync(d => d.PersonId == leaver.Id)).Should().Be(0);
    }
}
