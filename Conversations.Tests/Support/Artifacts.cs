namespace Conversations.Tests.Support;

/// <summary>Where tests leave files for people to look at (screenshots): TestResults/ at the repository root.</summary>
public static class Artifacts
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PathFor(string fileName)
    {
        var folder = Path.Combine(RepositoryRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Conversations.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName
            ?? throw new InvalidOperationException(
                "The tests run outside the repository: Conversations.sln not found above " + AppContext.BaseDirectory
            );
    }
}
