using System.Net;
using Conversations.Bench;

namespace Conversations.Tests.Support;

/// <summary>A browser-less visitor of the app: plain HTTP with cookies, no redirects followed.</summary>
public sealed class WebSession : IDisposable
{
    private readonly CookieContainer cookies = new();

    private WebSession(AppHost app)
    {
        Client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(app.BaseUrl),
        };
    }

    private WebSession(AppHost app, string cookieHeader)
    {
        Client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(app.BaseUrl),
        };
        Client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
    }

    public HttpClient Client { get; }

    /// <summary>The session's cookies as a Cookie header, for clients that are not this HttpClient (a hub connection).</summary>
    public string CookieHeader => cookies.GetCookieHeader(Client.BaseAddress!);

    public static WebSession Anonymous(AppHost app) => new(app);

    /// <summary>A visitor who replays these cookies as they are (a copy taken before its owner logged out, say).</summary>
    public static WebSession Replaying(AppHost app, string cookieHeader) => new(app, cookieHeader);

    /// <summary>Logs this session out as its log-out button does (a form post with its antiforgery token).</summary>
    public async Task LogOutAsync()
    {
        var fields = await FormFieldsAsync("/Account/ChangeEmail"); // any page with this session's antiforgery token
        var response = await Client.PostAsync(
            "/Account/Logout",
            new FormUrlEncodedContent(
                new Dictionary<string, string> { ["__RequestVerificationToken"] = fields["__RequestVerificationToken"] }
            )
        );
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "logging out answers with a redirect home");
    }

    public static async Task<WebSession> SignedInAsync(AppHost app, string email, string password = AppUsers.Password)
    {
        var session = new WebSession(app);
        var fields = await session.FormFieldsAsync("/Account/Login");
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        var response = await session.Client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{email} should be able to log in");
        return session;
    }

    /// <summary>
    /// The hidden fields of the page's own form (the form's name and its antiforgery token): the form with a name
    /// (<c>_handler</c>), not the log-out form of the menu or the footer's language picker.
    /// </summary>
    public async Task<Dictionary<string, string>> FormFieldsAsync(string path)
    {
        var forms = HtmlForms.HiddenFields(await Client.GetStringAsync(path));
        return forms.FirstOrDefault(f => f.ContainsKey("_handler")) ?? forms.First();
    }

    public void Dispose() => Client.Dispose();
}
