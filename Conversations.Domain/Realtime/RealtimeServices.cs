using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Domain.Realtime;

public static class RealtimeServices
{
    /// <summary>The live news between servers and circuits: the notifier, the PostgreSQL relay (LISTEN/NOTIFY), live unread counts, metrics.</summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<ConversationsMetrics>();
        services.AddSingleton<ConversationNotifier>();
        services.AddSingleton<SessionWatch>();
        services.AddSingleton<NotificationRelay>();
        services.AddSingleton<LiveUnread>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationRelay>());
        return services;
    }
}
