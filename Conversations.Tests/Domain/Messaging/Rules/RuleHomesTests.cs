using System.Text.RegularExpressions;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

/// <summary>
/// Every rule has one home: the SQL that decides a rule from its columns is written only there, and every statement
/// takes it from there. This test reads the domain's source and fails when a rule's columns are decided elsewhere.
/// </summary>
public partial class RuleHomesTests
{
    /// <summary>A rule, how its columns look when a condition decides it in SQL, and the files that are its home.</summary>
    private static readonly (string Rule, Regex Spelling, string[] Homes)[] Rules =
    [
        ("blocked on the platform", new(@"""BlockedAt""\s+IS\b"), ["Moderation/PlatformBlocks/PlatformBlock.cs"]),
        (
            "deleted",
            new(@"""DeletedAt""\s+IS\b"),
            [
                "Participants/Accounts/DeletedAccount.cs",
                "Participants/LivePerson.cs",
                "Moderation/PlatformBlocks/PlatformBlock.cs",
            ]
        ),
        (
            "who may write to whom",
            new(@"""(AcceptsMessagesFromAnyone|StrangersAsRequests)"""),
            ["Messaging/Rules/SqlRules.cs"]
        ),
        ("message requests", new(@"""Request""\s*(=|<>|!=|\bIN\b)"), ["Messaging/Rules/MessageRequests.cs"]),
        ("unread", new(@"""LastSeq""\s*-|-\s*(\w+\.)?""LastReadSeq"""), ["Messaging/Rules/Unread.cs"]),
        ("a confirmed address", new(@"""EmailConfirmed"""), ["Participants/Accounts/ConfirmedAddress.cs"]),
    ];

    [Fact]
    public void A_rules_columns_are_decided_in_SQL_only_in_the_rules_home()
    {
        var domain = Path.Combine(Artifacts.RepositoryRoot, "Conversations.Domain");
        var sources = Directory
            .EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories)
            .Where(f =>
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}")
            )
            .ToList();
        sources.Should().Contain(f => f.EndsWith("AppendMessageStatement.cs"), "the test reads the domain's source");

        var strays = new List<string>();
        var met = new HashSet<string>();
        foreach (var file in sources)
        {
            var relative = Path.GetRelativePath(domain, file).Replace(Path.DirectorySeparatorChar, '/');
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = Comment().Replace(lines[i], "");
                foreach (var (rule, spelling, homes) in Rules)
                {
                    if (!spelling.IsMatch(code))
                    {
                        continue;
                    }

                    if (homes.Contains(relative))
                    {
                        met.Add(rule);
                    }
                    else
                    {
                        strays.Add(
                            $"{relative}:{i + 1} decides \"{rule}\" outside its home ({string.Join(", ", homes)}): {code.Trim()}"
                        );
                    }
                }
            }
        }

        string.Join(Environment.NewLine, strays).Should().BeEmpty("a statement takes a rule's SQL from its home");
        met.Should()
            .BeEquivalentTo(
                Rules.Select(r => r.Rule),
                "each home holds its rule's SQL (the spellings above still find it)"
            );
    }

    /// <summary>A line comment (<c>//</c> or <c>///</c>) not inside a string's quotes, roughly: from two slashes after a space or at the start.</summary>
    [GeneratedRegex(@"(^|\s)//.*$")]
    private static partial Regex Comment();
}
