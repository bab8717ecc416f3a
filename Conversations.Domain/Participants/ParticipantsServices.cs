using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Domain.Participants;

public static class ParticipantsServices
{
    /// <summary>Accounts (registration, sign-in sessions, passwords, addresses, deletion), profiles, pictures and personal settings.</summary>
    public static IServiceCollection AddParticipants(this IServiceCollection services)
    {
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
        return services;
    }
}
