using Conversations.Domain.Common;
using Conversations.Tests.Support;
using Microsoft.AspNetCore.Components;

namespace Conversations.Tests.Components;

/// <summary>Where the pages live: "which file answers /settings?" has one place to look, Components/Pages/&lt;Feature&gt;/.</summary>
public class PageTreeTests
{
    private static readonly string Web = Path.Combine(Artifacts.RepositoryRoot, "Conversations.Web");

    [Fact]
    public void Every_routable_page_lives_under_Components_Pages_in_a_folder_of_its_feature()
    {
        var pages = Directory
            .EnumerateFiles(Web, "*.razor", SearchOption.AllDirectories)
            .Where(f =>
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
            )
            .Where(f =>
                File.ReadLines(f)
                    .Any(line =>
                        line.TrimStart().StartsWith("@page ", StringComparison.Ordinal)
                        || line.Contains("[Route(", StringComparison.Ordinal)
                        || line.Contains("@attribute [Route", StringComparison.Ordinal)
                    )
            )
            .Select(f => Path.GetRelativePath(Web, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        pages
            .Should()
            .Contain("Components/Pages/Settings/SettingsPage.razor", "the test reads the web project's pages");
        pages
            .Should()
            .OnlyContain(
                p => p.StartsWith("Components/Pages/", StringComparison.Ordinal) && p.Count(c => c == '/') == 3,
                "a routable page sits in Components/Pages/<Feature>/, nowhere else"
            );

        // The same in the compiled app: a route on a component in any other namespace (a .cs page, say) fails too.
        typeof(Program)
            .Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Length > 0)
            .Select(t => t.Namespace ?? "")
            .Should()
            .OnlyContain(ns => ns.StartsWith("Conversations.Web.Components.Pages.", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_address_the_app_builds_is_one_of_its_pages()
    {
        var routes = typeof(Program)
            .Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
            .Select(r => r.Template.Trim('/').Split('/'))
            .ToList();
        var id = Guid.NewGuid();
        string[] built =
        [
            Links.Inbox,
            Links.Settings,
            Links.Moderation,
            Links.CreateGroup,
            Links.Login,
            Links.Register,
            Links.ForgotPassword,
            Links.ConfirmAddress,
            Links.ChangeEmail,
            Links.ConfirmAddressChange,
            Links.ResetPassword,
            Links.DeleteAccount,
            Links.AccountDeleted,
            Links.TooManyWindows,
            Links.Profile("nina"),
            Links.InboxOf(null),
            Links.InboxOf("neighbours"),
            Links.Requests(),
            Links.Requests("neighbours"),
            Links.Archived(),
            Links.Archived("neighbours"),
            Links.Search(),
            Links.Search("neighbours"),
            Links.Conversation(id),
            Links.Conversation(id, "neighbours"),
            Links.NewConversation(),
            Links.NewConversation("neighbours"),
            Links.NewConversationWith("nina"),
            Links.LoginThen("settings"),
            Links.RegisterThen("settings"),
        ];

        foreach (var address in built)
        {
            var segments = address.Split('?')[0].Split('/');
            routes
                .Should()
                .Contain(
                    route =>
                        route.Length == segments.Length
                        && route.Zip(segments).All(pair => Matches(pair.First, pair.Second)),
                    $"{address} is an address the app builds: some page answers it"
                );
        }

        // The two that are endpoints, not pages: spelled once too.
        Conversations.Web.Endpoints.DataEndpoints.Path.Should().Be("/" + Links.DataExport);
    }

    /// <summary>A route template's segment against an address's: a literal alike (routing ignores case), or a parameter of the right kind.</summary>
    private static bool Matches(string template, string segment) =>
        template.StartsWith('{')
            ? !template.Contains(":guid", StringComparison.Ordinal) || Guid.TryParse(segment, out _)
            : string.Equals(template, segment, StringComparison.OrdinalIgnoreCase);
}
