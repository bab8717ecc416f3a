using Conversations.Domain.Common;
using Conversations.Domain.Moderation;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain.Moderation;

/// <summary>Helpers for the moderation tests: an administrator, and reports through the real use case.</summary>
internal static class Moderating
{
    public static async Task<Participant> NewAdministratorAsync(this DomainFixture fixture, string? name = null)
    {
        var admin = await fixture.NewParticipantAsync(name: name ?? "Rosa Moderator");
        (await fixture.Get<Administrators>().GrantAsync(admin.Email!)).Should().BeTrue();
        return admin;
    }

    public static Task<Conversations.Domain.Common.Result<Guid>> ReportAsync(
        this DomainFixture fixture,
        Participant reporter,
        Participant target,
        ReportReason reason = ReportReason.Offensive,
        string details = "",
        long? messageId = null
    ) =>
        fixture
            .Get<ReportParticipant>()
            .HandleAsync(
                new ReportCommand(new PersonId(reporter.Id), new ParticipantId(target.Id), reason, details, messageId)
            );
}
