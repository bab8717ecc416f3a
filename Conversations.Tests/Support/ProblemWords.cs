using System.Globalization;
using Conversations.Domain.Common;
using Conversations.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conversations.Tests.Support;

/// <summary>The domain's problems in the words a participant reads, from the Web's real resource files (English unless asked).</summary>
internal static class ProblemWords
{
    private static readonly ProblemText Words = new(
        new StringLocalizer<ProblemText>(
            new ResourceManagerStringLocalizerFactory(
                Options.Create(new LocalizationOptions()),
                NullLoggerFactory.Instance
            )
        )
    );

    public static string InEnglish(this Problem problem) => In("en", problem);

    public static string InEnglish(this FieldError error) => In("en", () => Words.Of(error));

    public static string In(string language, Problem problem) => In(language, () => Words.Of(problem));

    private static string In(string language, Func<string> say)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return say();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
