using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class ArchiveTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    private Task<Result<bool>> ArchiveAsync(Actor reader, Guid conversation, bool archived = true) =>
        fixture.Get<ArchiveConversation>().HandleAsync(reader, new ConversationId(conversation), archived);

    private async Task<List<Guid>> ListedAsync(Actor reader, bool archived = false) =>
        [
            .. (await fixture.Get<GetInbox>().HandleAsync(reader, archived: archived)).Value!.Rows.Select(r =>
                r.ConversationId
            ),
        ];

    [Fact]
    public async Task An_archived_conversation_leaves_the_inbox_for_the_archived_list_until_a_new_message_brings_it_back()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var old = (await fixture.StartAsync(alice, "done with this", bob)).Value!.ConversationId;
        var other = (await fixture.StartAsync(bob, "still going", await fixture.NewParticipantAsync()))
            .Value!
            .ConversationId;
        var me = Actor.Person(bob.Id);

        (await ArchiveAsync(me, old)).Value.Should().BeTrue();

        (await ListedAsync(me)).Should().Equal(other);
        (await ListedAsync(me, archived: true)).Should().Equal(old);
        (await ListedAsync(Actor.Person(alice.Id))).Should().Equal([old], "archiving is bob's own");
        (await fixture.UnreadAsync(bob)).Should().Be(1, "archiving reads nothing");

        await fixture.ReplyAsync(alice, old, "one more thing");

        (await ListedAsync(me)).Should().Equal(old, other);
        (await ListedAsync(me, archived: true)).Should().BeEmpty("a new message brings it back by itself");
    }

    [Fact]
    public async Task An_archived_conversation_comes_back_when_asked_and_twice_changes_nothing()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(alice, "hello", bob)).Value!.ConversationId;
        var me = Actor.Person(bob.Id);

        (await ArchiveAsync(me, id)).Value.Should().BeTrue();
        (await ArchiveAsync(me, id)).Value.Should().BeFalse("archived already");
        (await ArchiveAsync(me, id, archived: false)).Value.Should().BeTrue();
        (await ListedAsync(me)).Should().Equal(id);
        (await ArchiveAsync(me, id, archived: false)).Value.Should().BeFalse("in the inbox already");
    }

    [Fact]
    public async Task A_manager_archives_a_groups_conversation_for_themself_and_a_stranger_learns_nothing()
    {
        var (alice, bob, dave, stranger) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(alice, admins: [bob]);
        var id = (await fixture.WriteAsync(Actor.Person(dave.Id), "to the group", group.Id)).Value!.ConversationId;

        (await ArchiveAsync(alice.For(group), id)).Value.Should().BeTrue();

        (await ListedAsync(alice.For(group))).Should().BeEmpty();
        (await ListedAsync(alice.For(group), archived: true)).Should().Equal(id);
        (await ListedAsync(bob.For(group))).Should().Equal([id], "bob keeps his own view of the group's inbox");
        foreach (var target in new[] { id, Guid.NewGuid() })
        {
            (await ArchiveAsync(Actor.Person(stranger.Id), target))
                .Problem.Should()
                .Be(new NotFound(ProblemCodes.ConversationNotFound));
        }

        await fixture.ReplyAsync(dave, id, "any news?");
        (await ListedAsync(alice.For(group))).Should().Equal(id);
    }
}
