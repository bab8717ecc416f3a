using Conversations.Domain.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Domain.Relationships;

public static class RelationshipsServices
{
    /// <summary>Follows, blocks and the consent they decide.</summary>
    public static IServiceCollection AddRelationships(this IServiceCollection services)
    {
        services.AddSingleton<FollowParticipant>();
        services.AddSingleton<BlockParticipant>();
        services.AddSingleton<GetRelationship>();
        services.AddSingleton<ListBlocked>();
        services.AddSingleton<CheckConsent>();
        return services;
    }
}
