using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Domain.Push;

public static class PushServices
{
    /// <summary>Web Push: the VAPID keys, devices, who is looking now, and the sender.</summary>
    public static IServiceCollection AddPush(this IServiceCollection services)
    {
        services.AddHttpClient(nameof(PushSender), client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<VapidKeys>();
        services.AddSingleton<PushSubscriptions>();
        services.AddSingleton<LookingNow>();
        services.AddHostedService(sp => sp.GetRequiredService<LookingNow>());
        services.AddSingleton<PushSender>();
        services.AddHostedService(sp => sp.GetRequiredService<PushSender>());
        return services;
    }
}
