namespace Conversations.Tests.Support;

/// <summary>Where tests leave files for people to look at (screenshots): TestResults/ at the repository root.</summary>
public static class Artifacts
{
    public static string PathFor(string fileName)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Conversations.sln")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}
