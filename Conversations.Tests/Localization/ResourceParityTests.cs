using System.Reflection;
using System.Text.RegularExpressions;
using Conversations.Domain.Common;
using Conversations.Domain.Participants;

namespace Conversations.Tests.Localization;

/// <summary>Every language says everything the source says, with the same placeholders, and nothing the source does not.</summary>
public partial class ResourceParityTests
{
    public static TheoryData<string> Translations() => new(Languages.Supported.Where(l => l != Languages.Source));

    [Fact]
    public void The_source_resource_files_exist_for_the_components_the_problems_and_the_emails()
    {
        Resources
            .Sources.Select(Resources.Relative)
            .Should()
            .Contain([
                Path.Combine("Conversations.Web", "Localization", "ProblemText.resx"),
                Path.Combine("Conversations.Web", "Localization", "SharedWords.resx"),
                Path.Combine("Conversations.Web", "Components", "Pages", "Messaging", "ConversationsInbox.resx"),
                Path.Combine("Conversations.Domain", "Email", "Templates", "EmailWords.resx"),
            ]);
        Resources.Sources.Should().HaveCountGreaterThan(40);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Each_language_has_exactly_the_source_s_keys_with_the_same_placeholders(string language)
    {
        var problems = new List<string>();
        foreach (var source in Resources.Sources)
        {
            var english = Resources.Read(source);
            var path = Resources.Translation(source, language);
            if (!File.Exists(path))
            {
                problems.Add($"{Resources.Relative(path)} is missing");
                continue;
            }

            var translated = Resources.Read(path);
            problems.AddRange(
                english.Keys.Except(translated.Keys).Select(k => $"{Resources.Relative(path)} lacks \"{k}\"")
            );
            problems.AddRange(
                translated
                    .Keys.Except(english.Keys)
                    .Select(k => $"{Resources.Relative(path)} has \"{k}\", which the source lacks")
            );
            problems.AddRange(
                english
                    .Keys.Intersect(translated.Keys)
                    .Where(k =>
                        !Resources.Placeholders(english[k]).SequenceEqual(Resources.Placeholders(translated[k]))
                    )
                    .Select(k =>
                        $"{Resources.Relative(path)}: \"{translated[k]}\" has other placeholders than \"{english[k]}\""
                    )
            );
            problems.AddRange(
                translated
                    .Where(t => string.IsNullOrWhiteSpace(t.Value))
                    .Select(t => $"{Resources.Relative(path)}: \"{t.Key}\" is empty")
            );
        }

        problems.Should().BeEmpty();
    }

    [Fact]
    public void Every_problem_code_the_domain_can_return_has_words()
    {
        var codes = typeof(ProblemCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        var words = Resources.Read(
            Path.Combine(Resources.RepositoryRoot, "Conversations.Web", "Localization", "ProblemText.resx")
        );

        codes.Should().HaveCountGreaterThan(80);
        codes.Except(words.Keys).Should().BeEmpty("every code needs words to be shown");
        words.Keys.Except(codes).Should().BeEmpty("words for a code nobody returns would only rot");
    }

    [Fact]
    public void Every_text_a_component_asks_its_localizer_for_is_in_its_source_resource_file()
    {
        var missing = new List<string>();
        var components = Directory
            .EnumerateFiles(
                Path.Combine(Resources.RepositoryRoot, "Conversations.Web", "Components"),
                "*.razor",
                SearchOption.AllDirectories
            )
            .ToList();
        foreach (var component in components)
        {
            var code = File.ReadAllText(component);
            var asked = Asked(code).ToList();
            if (asked.Count == 0)
            {
                continue;
            }

            var source = Path.ChangeExtension(component, ".resx");
            var keys = File.Exists(source) ? Resources.Read(source).Keys.ToHashSet() : [];
            missing.AddRange(
                asked.Where(k => !keys.Contains(k)).Select(k => $"{Resources.Relative(component)}: \"{k}\"")
            );
        }

        components.Should().HaveCountGreaterThan(40);
        missing.Should().BeEmpty("a text missing from the resources would be shown in English in every language");
    }

    /// <summary>The literal keys of <c>L["…"]</c> (the first literal, and both sides of a conditional) and <c>L.Plural(n, "…", "…")</c>.</summary>
    private static IEnumerable<string> Asked(string code)
    {
        foreach (Match m in LocalizerCall().Matches(code))
        {
            yield return Unescape(m.Groups[1].Value);
            if (m.Groups[2].Success)
            {
                yield return Unescape(m.Groups[2].Value);
            }
        }

        foreach (Match m in PluralCall().Matches(code))
        {
            yield return Unescape(m.Groups[1].Value);
            yield return Unescape(m.Groups[2].Value);
        }
    }

    private static string Unescape(string literal) =>
        literal.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex(@"\bL\[[^\]""]*?""((?:[^""\\]|\\.)*)""(?:\s*:\s*""((?:[^""\\]|\\.)*)"")?")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"\.Plural\([^,]+,\s*""((?:[^""\\]|\\.)*)""\s*,\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex PluralCall();
}
