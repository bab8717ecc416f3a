using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Domain.Moderation;

public static class ModerationServices
{
    /// <summary>Administrators, reports, platform blocks, the moderation queue and data export.</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddSingleton<Administrators>();
        services.AddSingleton<ReportParticipant>();
        services.AddSingleton<PlatformBlocks>();
        services.AddSingleton<ModerationQueue>();
        services.AddSingleton<DataExport>();
        return services;
    }
}
