using System.Globalization;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Participants;

/// <summary>
/// The languages the platform speaks, by their codes (the words themselves live in the Web's resource files, one per
/// language, and a test holds every language to the source's keys). English is the source.
/// </summary>
public static class Languages
{
    public const int MaxCodeLength = 8;

    public const string Source = "en";

    /// <summary>English, Spanish, Catalan and French, in the order the picker lists them.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["en", "es", "ca", "fr"];

    /// <summary>The supported language with this code (any case, a region ignored: <c>es-MX</c> → <c>es</c>), or none.</summary>
    public static string? Find(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 35)
        {
            return null;
        }

        var language = code.Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(language) ? language : null;
    }

    /// <summary>The culture a supported language is written in (dates, numbers, plural rules).</summary>
    public static CultureInfo Culture(string? code) => CultureInfo.GetCultureInfo(Find(code) ?? Source);
}

/// <summary>A person's language: read, and set (from the language picker, or from what their browser asked for on a first visit).</summary>
public sealed class ParticipantLanguage(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<RateLimitOptions> limits
)
{
    public Task<string?> GetAsync(Guid personId, CancellationToken cancellationToken = default) =>
        PersonalSetting.GetAsync(contexts, personId, p => p.Language, cancellationToken);

    public async Task<Result<string>> SetAsync(
        Guid personId,
        string? code,
        CancellationToken cancellationToken = default
    ) =>
        Languages.Find(code) is { } language
            ? await PersonalSetting.ChangeAsync(
                contexts,
                limits.Value,
                personId,
                p => p.Language!,
                language,
                cancellationToken
            )
            : new Invalid("Language", ProblemCodes.LanguageUnknown);
}

/// <summary><c>Localization</c> in appsettings: the language of visitors whose browser asks for none the platform speaks.</summary>
public sealed class LanguageOptions
{
    public const string Section = "Localization";

    public string DefaultLanguage { get; set; } = Languages.Source;

    /// <summary>The language someone is written to in: theirs when they chose one, else the platform's default.</summary>
    public System.Globalization.CultureInfo CultureFor(string? personLanguage) =>
        Languages.Culture(Languages.Find(personLanguage) ?? DefaultLanguage);
}
