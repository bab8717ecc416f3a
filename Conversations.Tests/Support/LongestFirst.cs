using Xunit.Abstractions;

[assembly: Xunit.TestCollectionOrderer("Conversations.Tests.Support.LongestFirst", "Conversations.Tests")]

namespace Conversations.Tests.Support;

/// <summary>
/// The order the test collections start in: the longest first. xunit starts as many collections as it has threads and
/// the next one only when one ends, so a long collection started late makes the suite's tail: the servers' browser
/// collection once started 8.5 minutes in and ran 3.7 minutes alone at the end (the idle run of 3f188da: 12 min 38 s).
/// Measured after (8773d48, idle): 12 min 14 s — the four browser collections now run side by side for 10 minutes and
/// the short domain classes fill the end; the machine is CPU-bound, so the order only removes the tail, and the
/// suite's length is its CPU work. README's run.sh test (a fresh clone built in Release) took 2.3 minutes at the end,
/// 8 in the middle of the browser tests.
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
