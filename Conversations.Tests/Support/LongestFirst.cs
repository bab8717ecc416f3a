using Xunit.Abstractions;

[assembly: Xunit.TestCollectionOrderer("Conversations.Tests.Support.LongestFirst", "Conversations.Tests")]

namespace Conversations.Tests.Support;

/// <summary>
/// The order the test collections start in: the longest first. xunit starts as many collections as it has threads and
/// the next one only when one ends, so a long collection started late makes the suite's tail: the servers' browser
/// collection once started 8.5 minutes in, behind the main browser collection, and ran 3.7 minutes alone at the end
/// (the idle run of 3f188da: 12 min 38 s). The browser collections (4–7 minutes each on a busy machine) and README's
/// run.sh test (a fresh clone built in Release) go first; the hundred short domain classes fill the threads after them.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Long =
    [
        BrowserCollection.Name,
        DesktopBrowserCollection.Name,
        PhoneBrowserCollection.Name,
        SessionsBrowserCollection.Name,
        "Test collection for " + typeof(Scripts.RunScriptTests).FullName,
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => Array.IndexOf(Long, c.DisplayName) is var at and >= 0 ? at : Long.Length)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal)
            .ToList();
}
