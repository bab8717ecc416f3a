using Conversations.Domain.Common;
using Conversations.Domain.Demo;
using Conversations.Domain.Email;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Moderation;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Conversations.Domain.Push;
using Conversations.Domain.Realtime;
using Conversations.Domain.Relationships;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Domain;

public static class DomainServices
{
    /// <summary>Registers the database, the accounts store and every use case. Returns Identity's builder for the host to extend.</summary>
    public static IdentityBuilder AddConversationsDomain(
        this IServiceCollection services,
        string connectionString,
        IConfiguration? configuration = null
    )
    {
        // Pooled: each use case takes a ready context instead of building one (it shows in the inbox's latency).
        services.AddPooledDbContextFactory<ConversationsDbContext>(options =>
            options.UseNpgsql(DatabaseConnection.ForUseCases(connectionString))
        );
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ConversationsDbContext>>().CreateDbContext()); // for Identity
        services.AddSingleton(new DatabaseConnection(connectionString));
        var messaging = services.AddOptions<MessagingOptions>();
        var rateLimits = services.AddOptions<RateLimitOptions>();
        var email = services.AddOptions<EmailOptions>();
        var push = services.AddOptions<Push.PushOptions>();
        var languages = services
            .AddOptions<LanguageOptions>()
            .Validate(
                o => Languages.Find(o.DefaultLanguage) is not null,
                $"Localization:DefaultLanguage must be one of: {string.Join(", ", Languages.Supported)}"
            )
            .ValidateOnStart();
        if (configuration is not null)
        {
            languages.Bind(configuration.GetSection(LanguageOptions.Section));
            services
                .AddOptions<Moderation.ModerationOptions>()
                .Bind(configuration.GetSection(Moderation.ModerationOptions.Section));
            email.Bind(configuration.GetSection(EmailOptions.Section));
            push.Bind(configuration.GetSection(Push.PushOptions.Section));
            messaging.Bind(configuration.GetSection(MessagingOptions.Section));
            rateLimits.Bind(configuration.GetSection(RateLimitOptions.Section));
        }

        rateLimits.Configure<TimeProvider>((options, time) => options.Clock = time);
        var platform = services.AddOptions<PlatformOptions>();
        if (configuration is not null)
        {
            platform.Bind(configuration.GetSection(PlatformOptions.Section));
        }

        email.Configure<IOptions<PlatformOptions>>((options, named) => options.PlatformName = named.Value.Name);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Database>();
        services.AddTransient<DemoData>();
        services.AddRealtime(); // first: its relay listens before the other background services start
        services.AddParticipants();
        services.AddRelationships();
        services.AddMessaging();
        services.AddGroups();
        services.AddEmail();
        services.AddPush();
        services.AddModeration();

        return services
            .AddIdentityCore<Participant>(options =>
            {
                options.User.RequireUniqueEmail = true;
                PasswordPolicy.Apply(options.Password);
                options.User.AllowedUserNameCharacters = ""; // the user name is the email address: any character it may hold
                options.SignIn.RequireConfirmedAccount = false; // an unconfirmed person signs in and reads; writing waits (ConfirmedAddress)
                options.Tokens.EmailConfirmationTokenProvider = AddressLinkTokens.ProviderName;
                options.Tokens.ChangeEmailTokenProvider = AddressLinkTokens.ProviderName;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<ConversationsDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddTokenProvider<AddressLinkTokens>(AddressLinkTokens.ProviderName);
    }
}
