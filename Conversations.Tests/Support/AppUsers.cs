using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Support;

/// <summary>New accounts in the app under test, opened through its own registration use case (address confirmed, as an operator opens them).</summary>
public static class AppUsers
{
    public const string Password = "Secret!123";

    /// <param name="whoMayWrite">
    /// Who may write to the new account: anyone unless a test asks (a new account takes strangers as requests; the tests
    /// about requests ask for that, the others meet no requests).
    /// </param>
    public static async Task<Participant> RegisterAsync(
        this AppHost app,
        string? nickname = null,
        string? name = null,
        WhoMayWrite whoMayWrite = WhoMayWrite.Anyone
    )
    {
        nickname ??= "u" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope
            .ServiceProvider.GetRequiredService<RegisterParticipant>()
            .HandleAsync(
                new Registration($"{nickname}@example.org", Password, name ?? $"User {nickname}", nickname),
                addressConfirmed: true
            );
        var person = result.Value ?? throw new InvalidOperationException(result.Problem!.InEnglish()); // confirmed, as the demo's: they may write with email on
        (await scope.ServiceProvider.GetRequiredService<SetMessagePreference>().HandleAsync(person.Id, whoMayWrite))
            .Succeeded.Should()
            .BeTrue();
        return person;
    }

    public static T Get<T>(this AppHost app)
        where T : notnull => app.Services.GetRequiredService<T>();

    public static async Task<Result<T>> InScopeAsync<TUseCase, T>(this AppHost app, Func<TUseCase, Task<Result<T>>> use)
        where TUseCase : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }
}
