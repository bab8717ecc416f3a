using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Support;

/// <summary>Helpers to open accounts in tests through the real use case.</summary>
public static class Registering
{
    public const string Password = "Secret!123";

    public static Task<Result<Participant>> RegisterAsync(
        this DomainFixture fixture,
        string nickname,
        string? email = null,
        string? name = null,
        string password = Password
    ) =>
        fixture.InScopeAsync<RegisterParticipant, Result<Participant>>(r =>
            r.HandleAsync(
                new Registration(email ?? $"{nickname}@example.org", password, name ?? $"Test {nickname}", nickname)
            )
        );

    /// <param name="whoMayWrite">Anyone unless a test asks (see <c>AppUsers.RegisterAsync</c>).</param>
    public static async Task<Participant> NewParticipantAsync(
        this DomainFixture fixture,
        string? nickname = null,
        string? name = null,
        WhoMayWrite whoMayWrite = WhoMayWrite.Anyone
    )
    {
        nickname ??= "p" + Guid.NewGuid().ToString("N")[..12];
        // Opened as an operator opens one (the demo's): address confirmed, no confirmation email, so that tests about
        // something else may write with email on too. Registration itself is tested through HandleAsync(Registration).
        var result = await fixture.InScopeAsync<RegisterParticipant, Result<Participant>>(r =>
            r.HandleAsync(
                new Registration($"{nickname}@example.org", Password, name ?? $"Test {nickname}", nickname),
                addressConfirmed: true
            )
        );
        var person = result.Value ?? throw new InvalidOperationException(result.Problem!.InEnglish());
        (await fixture.Get<SetMessagePreference>().HandleAsync(person.Id, whoMayWrite)).Succeeded.Should().BeTrue();
        return person;
    }

    public static async Task<int> CountParticipantsAsync(this DomainFixture fixture, string nickname)
    {
        await using var db = await fixture.DbAsync();
        return await db.Participants.CountAsync(p => p.Nickname == nickname);
    }
}
