using System.Globalization;
using Conversations.Domain.Common;
using Microsoft.Extensions.Localization;

namespace Conversations.Web.Localization;

/// <summary>
/// The domain's problems in the page's language: each code's words from <c>ProblemText.resx</c> (and its languages), with
/// the problem's arguments (names, numbers, how long to wait) written in that language.
/// </summary>
public sealed class ProblemText(IStringLocalizer<ProblemText> words)
{
    public string Of(Problem problem) =>
        problem is Invalid invalid ? string.Join(" ", invalid.Errors.Select(Of)) : Say(problem.Code, problem.Args);

    public string Of(FieldError error) => Say(error.Code, error.Args);

    private string Say(string code, IReadOnlyList<object> args)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = words[code];
        if (text.ResourceNotFound)
        {
            throw new InvalidOperationException($"The problem '{code}' has no words in ProblemText.resx.");
        }

        return args.Count == 0
            ? text.Value
            : string.Format(
                culture,
                text.Value,
                args.Select(a => a is TimeSpan wait ? Waiting.For(wait, culture) : a).ToArray()
            );
    }
}
