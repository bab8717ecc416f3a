using Conversations.Domain.Common;
using Conversations.Domain.Demo;
using Conversations.Domain.Email;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
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
    public static IdentityBuilder AddConversationsDomain(this IServiceCollection services, string connectionString, IConfiguration? configuration = null)
    {
        // Pooled: each use case takes a ready context instead of building one (it shows in the inbox's latency).
        services.AddPooledDbContextFactory<ConversationsDbContext>(options => options.UseNpgsql(DatabaseConnection.ForUseCases(connectionString)));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ConversationsDbContext>>().CreateDbContext()); // for Identity
        services.AddSingleton(new DatabaseConnection(connectionString));
        var messaging = services.AddOptions<MessagingOptions>();
        var rateLimits = services.AddOptions<RateLimitOptions>();
        var email = services.AddOptions<EmailOptions>();
        var push = services.AddOptions<Push.PushOptions>();
        var languages = services.AddOptions<LanguageOptions>().Validate(o => Languages.Find(o.DefaultLanguage) is not null,
            $"Localization:DefaultLanguage must be one of: {string.Join(", ", Languages.Supported)}").ValidateOnStart();
        if (configuration is not null)
        {
            languages.Bind(configuration.GetSection(LanguageOptions.Section));
            services.AddOptions<Moderation.ModerationOptions>().Bind(configuration.GetSection(Moderation.ModerationOptions.Section));
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

        services.AddMetrics();
        services.AddSingleton<ConversationsMetrics>();
        services.AddSingleton<ConversationNotifier>();
        services.AddSingleton<SessionWatch>();
        services.AddSingleton<NotificationRelay>();
        services.AddSingleton<LiveUnread>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationRelay>());
        services.AddSingleton<StartConversation>();
        services.AddSingleton<ReplyWriter>();
        services.AddSingleton<Reply>();
        services.AddDataProtection();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<SetEmailPreference>();
        services.AddSingleton<NewMessageEmails>();
        services.AddHostedService(sp => sp.GetRequiredService<NewMessageEmails>());
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton<MarkRead>();
        services.AddSingleton<AnswerRequest>();
        services.AddSingleton<Drafts>();
        services.AddHttpClient(nameof(Push.PushSender), client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<Push.VapidKeys>();
        services.AddSingleton<Push.PushSubscriptions>();
        services.AddSingleton<Push.LookingNow>();
        services.AddHostedService(sp => sp.GetRequiredService<Push.LookingNow>());
        services.AddSingleton<Push.PushSender>();
        services.AddHostedService(sp => sp.GetRequiredService<Push.PushSender>());
        services.AddSingleton<CountUnread>();
        services.AddSingleton<GetInbox>();
        services.AddSingleton<GetConversation>();
        services.AddSingleton<FindConversation>();
        services.AddSingleton<PrepareConversation>();
        services.AddSingleton<SearchRecipients>();
        services.AddSingleton<CreateGroup>();
        services.AddSingleton<GetGroup>();
        services.AddSingleton<ListGroupsOf>();
        services.AddSingleton<ActForGroup>();
        services.AddSingleton<InviteToGroup>();
        services.AddSingleton<PendingInvitations>();
        services.AddSingleton<AnswerGroupInvitation>();
        services.AddSingleton<ListGroupInvitations>();
        services.AddSingleton<RemoveGroupMember>();
        services.AddSingleton<ChangeGroupRole>();
        services.AddSingleton<LeaveGroup>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Database>();
        services.AddSingleton<FindProfile>();
        services.AddSingleton<UpdateProfile>();
        services.AddSingleton<SetProfilePicture>();
        services.AddSingleton<GetProfilePicture>();
        services.AddScoped<RegisterParticipant>();
        services.AddScoped<DeleteAccount>();
        services.AddScoped<RequestPasswordReset>();
        services.AddSingleton<PasswordResetRequests>();
        services.AddHostedService(sp => sp.GetRequiredService<PasswordResetRequests>());
        services.AddScoped<ResetPassword>();
        services.AddScoped<ConfirmAddress>();
        services.AddScoped<SendAddressConfirmation>();
        services.AddScoped<RequestAddressChange>();
        services.AddScoped<ConfirmAddressChange>();
        services.AddSingleton<GetAddressStatus>();
        services.AddSingleton<SignInSessions>();
        services.AddHostedService<SessionHousekeeping>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(1)); // reset links
        services.AddSingleton<SetMessagePreference>();
        services.AddSingleton<ParticipantTimeZone>();
        services.AddSingleton<ParticipantLanguage>();
        services.AddSingleton<FollowParticipant>();
        services.AddSingleton<BlockParticipant>();
        services.AddSingleton<GetRelationship>();
        services.AddSingleton<ListBlocked>();
        services.AddSingleton<CheckConsent>();
        services.AddSingleton<Moderation.Administrators>();
        services.AddSingleton<Moderation.ReportParticipant>();
        services.AddSingleton<Moderation.PlatformBlocks>();
        services.AddSingleton<Moderation.ModerationQueue>();
        services.AddSingleton<Moderation.DataExport>();
        services.AddTransient<DemoData>();

        return services.AddIdentityCore<Participant>(options =>
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
