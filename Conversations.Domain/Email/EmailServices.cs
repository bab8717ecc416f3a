using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Domain.Email;

public static class EmailServices
{
    /// <summary>Email: the new-message pass, the outbox and its sender, unsubscribe links, replies by email.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<SetEmailPreference>();
        services.AddSingleton<NewMessageEmails>();
        services.AddHostedService(sp => sp.GetRequiredService<NewMessageEmails>());
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton<ReceiveEmailReply>();
        services.AddSingleton<ReplyMailbox>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplyMailbox>());
        return services;
    }
}
