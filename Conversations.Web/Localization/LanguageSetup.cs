using System.Globalization;
using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Conversations.Web.Localization;

/// <summary>
/// Which language a page speaks: the visitor's choice in the language cookie (set by the picker, and from their account
/// when they sign in), else what their browser asks for (<c>Accept-Language</c>), else <c>Localization:DefaultLanguage</c>.
/// The words live in resource files next to the components that show them.
/// </summary>
public static class LanguageSetup
{
    public static IServiceCollection AddLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<ProblemText>();
        services.AddSingleton<SignInLanguage>();
        services
            .AddOptions<RequestLocalizationOptions>()
            .Configure<IOptions<LanguageOptions>>(
                (options, languages) =>
                {
                    var cultures = Languages.Supported.Select(CultureInfo.GetCultureInfo).ToList();
                    options.DefaultRequestCulture = new RequestCulture(
                        Languages.Culture(languages.Value.DefaultLanguage)
                    );
                    options.SupportedCultures = cultures;
                    options.SupportedUICultures = cultures;
                    options.FallBackToParentCultures = true; // es-MX → es
                    options.FallBackToParentUICultures = true;
                    options.RequestCultureProviders =
                    [
                        new CookieRequestCultureProvider { CookieName = LanguageCookie.Name },
                        new AcceptLanguageHeaderRequestCultureProvider(),
                    ];
                }
            );
        return services;
    }

    public static IApplicationBuilder UseLanguages(this IApplicationBuilder app) => app.UseRequestLocalization();
}
