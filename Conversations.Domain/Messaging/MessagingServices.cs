using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Domain.Messaging;

public static class MessagingServices
{
    /// <summary>Conversations: start, reply, read and unread, mute, archive, requests, drafts, the inbox, the badge, recipient search, search in my messages.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddSingleton<StartConversation>();
        services.AddSingleton<ReplyWriter>();
        services.AddSingleton<Reply>();
        services.AddSingleton<MarkRead>();
        services.AddSingleton<MarkUnread>();
        services.AddSingleton<Mute>();
        services.AddSingleton<ArchiveConversation>();
        services.AddSingleton<AnswerRequest>();
        services.AddSingleton<Drafts>();
        services.AddSingleton<CountUnread>();
        services.AddSingleton<GetInbox>();
        services.AddSingleton<GetConversation>();
        services.AddSingleton<FindConversation>();
        services.AddSingleton<PrepareConversation>();
        services.AddSingleton<SearchRecipients>();
        services.AddSingleton<SearchMessages>();
        return services;
    }
}
