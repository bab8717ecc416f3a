using System.Net;
using System.Text.RegularExpressions;

namespace Conversations.Bench;

/// <summary>
/// Reads a page's forms as a browser would post them: each form's hidden fields on their own, so that a page holding
/// several forms (the log-in form and the footer's language picker, each with its antiforgery token) posts the right one.
/// </summary>
public static partial class HtmlForms
{
    /// <summary>The hidden fields of every form of the page, in page order.</summary>
    public static List<Dictionary<string, string>> HiddenFields(string html) =>
        Form()
            .Matches(html)
            .Select(form =>
            {
                var fields = new Dictionary<string, string>();
                foreach (Match input in HiddenInput().Matches(form.Value))
                {
                    fields[WebUtility.HtmlDecode(input.Groups["name"].Value)] = WebUtility.HtmlDecode(
                        input.Groups["value"].Value
                    );
                }

                return fields;
            })
            .ToList();

    /// <summary>The hidden fields of the page's form that has an input named <paramref name="field"/> (the form a person fills in).</summary>
    public static Dictionary<string, string> HiddenFieldsOfFormWith(string html, string field)
    {
        foreach (Match form in Form().Matches(html))
        {
            if (form.Value.Contains($"name=\"{field}\"", StringComparison.Ordinal))
            {
                return HiddenFields(form.Value)[0];
            }
        }

        throw new InvalidOperationException($"The page has no form with a field named {field}.");
    }

    /// <summary>A form of the page: where it posts, its hidden fields with their values, and the names of the fields a person fills in.</summary>
    public sealed record PageForm(string Action, Dictionary<string, string> Hidden, List<string> Filled);

    /// <summary>Every form of the page that posts, with its fields.</summary>
    public static List<PageForm> Forms(string html, string pagePath) =>
        Form()
            .Matches(html)
            .Where(form =>
                FormTag().Match(form.Value).Groups["method"].Value.Equals("post", StringComparison.OrdinalIgnoreCase)
            )
            .Select(form =>
            {
                var action = WebUtility.HtmlDecode(FormTag().Match(form.Value).Groups["action"].Value);
                var filled = Field()
                    .Matches(form.Value)
                    .Where(f => f.Groups["type"].Value is not ("hidden" or "submit" or "button" or "file"))
                    .Select(f => WebUtility.HtmlDecode(f.Groups["name"].Value))
                    .Distinct()
                    .ToList();
                return new PageForm(action.Length == 0 ? pagePath : action, HiddenFields(form.Value)[0], filled);
            })
            .ToList();

    [GeneratedRegex(
        "<form(?=[^>]*?method=\"(?<method>[^\"]*)\")?(?=[^>]*?action=\"(?<action>[^\"]*)\")?[^>]*>",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex FormTag();

    [GeneratedRegex(
        "<(?:input|select|textarea)(?=[^>]*?type=\"(?<type>[^\"]*)\")?[^>]*?name=\"(?<name>[^\"]+)\"",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex Field();

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
