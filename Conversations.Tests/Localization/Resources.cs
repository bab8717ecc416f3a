using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Conversations.Tests.Localization;

/// <summary>The repository's resource files, read as files: every source (English) file with its languages beside it.</summary>
internal static partial class Resources
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Every English resource file of the Web and the domain (<c>X.resx</c>, not <c>X.ca.resx</c>).</summary>
    public static IReadOnlyList<string> Sources { get; } =
        new[] { "Conversations.Web", "Conversations.Domain" }
            .SelectMany(project =>
                Directory.EnumerateFiles(Path.Combine(RepositoryRoot, project), "*.resx", SearchOption.AllDirectories)
            )
            .Where(path =>
                !path.Contains(
                    $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}",
                    StringComparison.Ordinal
                )
                && !path.Contains(
                    $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}",
                    StringComparison.Ordinal
                )
                && Path.GetFileNameWithoutExtension(path).Split('.').Length == 1
            )
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Translation(string source, string language) =>
        Path.ChangeExtension(source, $".{language}.resx");

    public static IReadOnlyDictionary<string, string> Read(string path) =>
        XDocument
            .Load(path)
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    /// <summary>The placeholders of a text, each once, in order: <c>{0}</c>, <c>{1:N0}</c>.</summary>
    public static IReadOnlyList<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();

    public static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Conversations.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException(
                "The repository (Conversations.sln) is not above the test's folder."
            );
    }

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
