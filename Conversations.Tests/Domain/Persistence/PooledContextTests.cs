using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain;

/// <summary>
/// Contexts come from a pool and go back to it. A context that goes back with its connection still counted as open
/// hands that count to whoever rents it next — then every query of the next user (the sign-in check of a hub
/// connection that lives for hours, say) keeps a pooled database connection for the rest of its life.
/// </summary>
public class PooledContextTests : IClassFixture<DomainFixture>
{
    private readonly DomainFixture fixture;

    public PooledContextTests(DomainFixture fixture) => this.fixture = fixture;

    [Fact]
    public async Task A_context_rented_after_the_hand_written_statements_closes_its_connection_after_each_query()
    {
        var (person, other) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        // Every use case that runs a hand-written statement on its context, one after the other (one pooled context).
        var sent = await fixture
            .Get<StartConversation>()
            .HandleAsync(new StartConversationCommand(Actor.Person(person.Id), [other.Id], "hello"));
        await fixture
            .Get<Reply>()
            .HandleAsync(
                new ReplyCommand(Actor.Person(other.Id), new ConversationId(sent.Value!.ConversationId), "hi")
            );
        await fixture
            .Get<GetConversation>()
            .HandleAsync(Actor.Person(person.Id), new ConversationId(sent.Value.ConversationId));
        await fixture.Get<GetInbox>().HandleAsync(Actor.Person(person.Id));
        await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(person.Id), other.Nickname[..4], []);
        await fixture.Get<CountUnread>().HandleAsync(person.Id);

        await using var next = await fixture.DbAsync();
        await next.Participants.AnyAsync();

        next.Database.GetDbConnection()
            .State.Should()
            .Be(
                System.Data.ConnectionState.Closed,
                "a query of the next user of the pooled context gives its connection back as soon as it is done"
            );
    }
}
