using System.Globalization;
using Conversations.Domain.Common;
using Microsoft.Extensions.Localization;

namespace Conversations.Web.Localization;

/// <summary>Plurals for the components' localizers: the English forms are the keys, each language's resources hold its forms.</summary>
public static class Words
{
    /// <summary>
    /// "1 follower" / "1,200 followers": the form the count takes in the page's language (see <see cref="Plurals"/>), the
    /// count written with the culture's digit grouping.
    /// </summary>
    public static string Plural(this IStringLocalizer words, long count, string one, string other) =>
        words[
            Plurals.IsOne(CultureInfo.CurrentUICulture, count) ? one : other,
            count.ToString("N0", CultureInfo.CurrentCulture)
        ];
}
