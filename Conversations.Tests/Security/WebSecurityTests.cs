using System.Net;
using System.Text.RegularExpressions;
using Conversations.Tests.Support;

namespace Conversations.Tests.Security;

/// <summary>
/// What the app says about itself to browsers and proxies: security headers on every response, only its own host names,
/// and forwarded headers believed only from the proxies it was told about.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class WebSecurityTests(Browser browser)
{
    [Fact]
    public async Task Every_response_carries_the_security_headers_and_a_policy_that_forbids_inline_script_but_the_nonced_import_map()
    {
        using var visitor = WebSession.Anonymous(browser.App);

        var page = await visitor.Client.GetAsync("/Account/Login");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = ScriptNonce().Match(csp).Groups["nonce"].Value;
        nonce.Should().NotBeEmpty();
        csp.Should()
            .Contain("object-src 'none'")
            .And.Contain("base-uri 'self'")
            .And.Contain("form-action 'self'")
            .And.Contain("frame-ancestors 'none'")
            .And.NotContain("script-src 'self' 'unsafe-inline'")
            .And.NotContain("unsafe-eval");
        html.Should()
            .Contain(
                $"<script type=\"importmap\" nonce=\"{nonce}\"",
                "Blazor's import map is the one inline script, and it carries the nonce"
            );
        ScriptElements()
            .Matches(html)
            .Select(m => m.Value)
            .Should()
            .OnlyContain(tag => tag.Contains(" src=") || tag.Contains($"nonce=\"{nonce}\""));
        (await visitor.Client.GetAsync("/Account/Login"))
            .Headers.GetValues("Content-Security-Policy")
            .Single()
            .Should()
            .NotContain(nonce, "a nonce is used once");
        page.Headers.GetValues("Referrer-Policy").Single().Should().Be("strict-origin-when-cross-origin");
        page.Headers.GetValues("Permissions-Policy")
            .Single()
            .Should()
            .Contain("camera=()")
            .And.Contain("geolocation=()");
        page.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");

        foreach (
            var path in new[]
            {
                "/Account/Login",
                "/app.css",
                "/health/live",
                "/no-such-page",
                "/_framework/blazor.web.js",
            }
        )
        {
            var response = await visitor.Client.GetAsync(path);
            response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff", path);
            response.Headers.Contains("Server").Should().BeFalse($"{path} should not name the server");
        }
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused_so_a_forged_host_never_reaches_a_redirect()
    {
        using var visitor = WebSession.Anonymous(browser.App);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/settings");
        forged.Headers.Host = "evil.example";

        var response = await visitor.Client.SendAsync(forged);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await visitor.Client.GetAsync("/settings"))
            .Headers.Location!.ToString()
            .Should()
            .Contain("/Account/Login", "its own host name is served");
    }

    [Fact]
    public async Task Behind_a_known_proxy_that_ends_tls_redirects_say_https_and_cookies_are_secure_and_from_anyone_else_the_header_is_ignored()
    {
        await using var proxied = new AppHost(
            browser.App.ConnectionString,
            new Dictionary<string, string> { ["Proxy:KnownProxies:0"] = "127.0.0.1", ["Demo:Load"] = "false" }
        );
        await proxied.InitializeAsync();

        var (location, cookies) = await ThroughProxyAsync(proxied);
        location.Should().StartWith("https://", "the proxy said the visitor came over https");
        cookies.Should().NotBeEmpty().And.OnlyContain(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));

        (location, cookies) = await ThroughProxyAsync(browser.App); // no proxy configured: the header is anyone's word
        location.Should().StartWith("http://");
        cookies.Should().NotBeEmpty().And.OnlyContain(c => !c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_circuit_and_the_hub_refuse_connections_opened_by_a_page_of_another_site()
    {
        var person = await browser.App.RegisterAsync();
        using var session = await WebSession.SignedInAsync(browser.App, person.Email!);
        var own = new Uri(browser.App.BaseUrl).GetLeftPart(UriPartial.Authority);

        foreach (
            var path in new[] { "/hubs/unread/negotiate?negotiateVersion=1", "/_blazor/negotiate?negotiateVersion=1" }
        )
        {
            using var foreign = new HttpRequestMessage(HttpMethod.Post, path);
            foreign.Headers.Add("Origin", "https://evil.example");
            using var ours = new HttpRequestMessage(HttpMethod.Post, path);
            ours.Headers.Add("Origin", own);

            (await session.Client.SendAsync(foreign)).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
            (await session.Client.SendAsync(ours)).StatusCode.Should().Be(HttpStatusCode.OK, path);
        }
    }

    private static async Task<(string Location, List<string> Cookies)> ThroughProxyAsync(AppHost app)
    {
        using var visitor = WebSession.Anonymous(app);
        using var redirect = new HttpRequestMessage(HttpMethod.Get, "/settings");
        redirect.Headers.Add("X-Forwarded-Proto", "https");
        using var login = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        login.Headers.Add("X-Forwarded-Proto", "https");
        var location = (await visitor.Client.SendAsync(redirect)).Headers.Location!.ToString();
        var cookies = (await visitor.Client.SendAsync(login)).Headers.TryGetValues("Set-Cookie", out var set)
            ? set.ToList()
            : [];
        return (location, cookies);
    }

    [GeneratedRegex("script-src [^;]*'nonce-(?<nonce>[^']+)'")]
    private static partial Regex ScriptNonce();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptElements();
}
