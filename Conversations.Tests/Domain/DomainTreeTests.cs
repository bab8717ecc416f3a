using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

/// <summary>
/// Where a use case and its tests live: "where is the inbox, and where are its tests?" has one answer —
/// <c>Conversations.Domain/Messaging/Inbox/</c> holds the use case, its statement and its view, and
/// <c>Conversations.Tests/Domain/Messaging/Inbox/</c> its tests.
/// </summary>
public class DomainTreeTests
{
    private static readonly string DomainProject = Path.Combine(Artifacts.RepositoryRoot, "Conversations.Domain");
    private static readonly string DomainTests = Path.Combine(
        Artifacts.RepositoryRoot,
        "Conversations.Tests",
        "Domain"
    );

    [Fact]
    public void Every_folder_of_domain_tests_mirrors_a_folder_of_the_domain()
    {
        var testFolders = Folders(DomainTests);
        testFolders.Should().Contain("Messaging/Inbox", "the test reads the test project's folders");

        testFolders
            .Should()
            .OnlyContain(
                folder => Directory.Exists(Path.Combine(DomainProject, folder)),
                "a domain test sits in the folder of what it tests (Conversations.Tests/Domain/X/ tests Conversations.Domain/X/)"
            );
    }

    [Fact]
    public void A_use_case_is_not_split_into_folders_by_kind()
    {
        var folders = Folders(DomainProject);
        folders.Should().Contain("Messaging/Inbox", "the test reads the domain's folders");

        // Statements and views beside their use case, not gathered by kind (Messaging/Statements, Messaging/Views were).
        folders
            .Select(f => f.Split('/')[^1])
            .Should()
            .NotContain(["Statements", "Views", "Queries", "Commands", "Handlers"]);
        File.Exists(Path.Combine(DomainProject, "Messaging", "Inbox", "InboxStatement.cs")).Should().BeTrue();
        File.Exists(Path.Combine(DomainProject, "Messaging", "Inbox", "InboxPage.cs")).Should().BeTrue();
    }

    private static List<string> Folders(string root) =>
        Directory
            .EnumerateDirectories(root, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(root, d).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(d => !d.Split('/').Any(part => part is "bin" or "obj" or "Migrations" || part.StartsWith('.')))
            .ToList();
}
