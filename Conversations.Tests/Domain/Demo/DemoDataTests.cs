using Conversations.Domain.Demo;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain;

/// <summary>The demo that <c>./run.sh</c> loads, into an empty database of its own: what README promises is there.</summary>
public class DemoDataTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task The_demo_leaves_judy_a_request_from_oscar_and_everyone_else_open_to_anyone_and_loads_only_into_an_empty_database()
    {
        (await fixture.Get<DemoData>().LoadIntoEmptyDatabaseAsync()).Should().BeTrue();
        (await fixture.Get<DemoData>().LoadIntoEmptyDatabaseAsync())
            .Should()
            .BeFalse("a database that has anyone in it is left alone");

        await using var db = await fixture.DbAsync();
        var ids = await db.Participants.ToDictionaryAsync(p => p.Nickname, p => p.Id);
        var judy = await fixture.Get<CountUnread>().HandleAsync(ids["judy"]);
        (judy.Total, judy.Requests)
            .Should()
            .Be((0, 1), "judy has one message request waiting, and nothing on her badge");
        var request = (
            await fixture.Get<GetInbox>().HandleAsync(Actor.Person(ids["judy"]), requests: true)
        ).Value!.Rows.Single();
        request.Others.Single().Nickname.Should().Be("oscar");
        (await fixture.Get<SetMessagePreference>().CurrentAsync(ids["judy"]))
            .Should()
            .Be(WhoMayWrite.StrangersAsRequests);
        (await fixture.Get<SetMessagePreference>().CurrentAsync(ids["alice"])).Should().Be(WhoMayWrite.Anyone);
        (await fixture.Get<CountUnread>().HandleAsync(ids["alice"]))
            .Total.Should()
            .BeGreaterThan(0, "alice has some unread, as README says");
        (await fixture.Get<CountUnread>().HandleAsync(ids["bob"])).Total.Should().BeGreaterThan(0);
        (await db.ConversationMembers.CountAsync(m => m.Request != MessageRequest.None))
            .Should()
            .Be(1, "the demo's only request is judy's");
    }
}
