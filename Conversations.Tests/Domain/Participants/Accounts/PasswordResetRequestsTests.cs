using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conversations.Tests.Domain;

public class PasswordResetRequestsTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Requests_already_answered_when_the_server_stops_are_still_handled()
    {
        var people = new List<Participant>();
        for (var i = 0; i < 6; i++)
        {
            people.Add(await fixture.NewParticipantAsync());
        }

        var requests = new PasswordResetRequests(
            fixture.Services.GetRequiredService<IServiceScopeFactory>(),
            NullLogger<PasswordResetRequests>.Instance
        );
        var addresses = people.Select(p => p.Email!).ToList();
        async Task<int> WrittenAsync()
        {
            await using var db = await fixture.DbAsync();
            return await db.OutboxEmails.CountAsync(e =>
                addresses.Contains(e.To) && e.Subject == "Reset your Conversations password"
            );
        }

        await requests.StartAsync(CancellationToken.None);
        requests.Enqueue(people[0].Email);
        await Eventually.TrueAsync(
            () => WrittenAsync().GetAwaiter().GetResult() == 1,
            "the running server handles a request"
        );
        foreach (var person in people.Skip(1))
        {
            requests.Enqueue(person.Email);
        }

        await requests.StopAsync(CancellationToken.None); // at once, as the host does when the server stops

        (await WrittenAsync()).Should().Be(6, "the five answered before the stop are handled too");
    }
}
