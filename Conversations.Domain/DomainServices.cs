using Conversations.Domain.Demo;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Domain;

public static class DomainServices
{
    /// <summary>Registers the database, the accounts store and every use case. Returns Identity's builder for the host to extend.</summary>
    public static IdentityBuilder AddConversationsDomain(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<ConversationsDbContext>(options => options.UseNpgsql(connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Database>();
        services.AddSingleton<FindProfile>();
        services.AddSingleton<UpdateProfile>();
        services.AddSingleton<SetProfilePicture>();
        services.AddSingleton<GetProfilePicture>();
        services.AddScoped<RegisterParticipant>();
        services.AddTransient<DemoData>();

        return services.AddIdentityCore<Participant>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = ""; // the user name is the email address: any character it may hold
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ConversationsDbContext>();
    }
}
