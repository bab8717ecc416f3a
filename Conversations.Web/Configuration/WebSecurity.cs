using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;

namespace Conversations.Web.Configuration;

/// <summary>
/// What makes the app safe to put on the internet: the security headers of every response (a Content-Security-Policy
/// without inline script), the proxies whose forwarded headers are believed, and HTTPS when the site is served over TLS.
/// and a door that slows down guessing: the account forms (log in, register, passwords, addresses) take
/// <c>RateLimits:AccountFormsPerMinute</c> posts per client address, the next few wait their turn, and only beyond that
/// the answer is 429. Settings: <c>Proxy:KnownProxies</c>, <c>Proxy:KnownNetworks</c>, <c>Security:RequireHttps</c>,
/// <c>AllowedHosts</c>, <c>RateLimits:AccountFormsPerMinute</c>.
/// </summary>
public static class WebSecurity
{
    /// <summary>The headers of uploaded pictures: <c>Content-Security-Policy: default-src 'none'; sandbox</c>.</summary>
    public const string PicturePolicy = "pictures";

    public static void AddWebSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false); // no "Server: Kestrel"
        builder
            .Services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(policy =>
                policy
                    .AddContentTypeOptionsNoSniff()
                    .AddFrameOptionsDeny()
                    // Links in messages lead to other sites: they learn that someone came from this one, never which page
                    // (a conversation's address).
                    .AddReferrerPolicyStrictOriginWhenCrossOrigin()
                    .AddPermissionsPolicyWithDefaultSecureDirectives()
                    .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
                    .AddContentSecurityPolicy(csp =>
                    {
                        csp.AddDefaultSrc().Self();
                        // Scripts only from the site's own files; the one inline script, Blazor's import map, carries this
                        // response's nonce (App.razor).
                        csp.AddScriptSrc().Self().WithNonce();
                        // MudBlazor sets style attributes and writes its theme as a <style> element: styles may be inline.
                        csp.AddStyleSrc().Self().UnsafeInline();
                        csp.AddImgSrc().Self().Data().Blob();
                        csp.AddFontSrc().Self();
                        csp.AddConnectSrc().Self(); // the circuit's and the hub's WebSockets, same origin
                        csp.AddObjectSrc().None();
                        csp.AddBaseUri().Self();
                        csp.AddFormAction().Self();
                        csp.AddFrameAncestors().None();
                    })
            )
            .AddPolicy(PicturePolicy, policy => policy
                    // Uploaded pictures are re-encoded (Picture.Prepare); should one still be opened as a document, it runs nothing.
                    .AddContentTypeOptionsNoSniff()
                    .AddCrossOriginResourcePolicy(corp => corp.SameOrigin())
                    .AddContentSecurityPolicy(csp =>
                    {
                        csp.AddDefaultSrc().None();
                        csp.AddSandbox();
                    }));

        // Behind a reverse proxy that ends TLS (README: nginx), the scheme and the client's address come in X-Forwarded-*
        // headers; they are believed only from the proxies named here, never from anyone.
        var proxies = builder.Configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        // Cookies are Secure whenever the request came over HTTPS (directly or through a known proxy), and always when
        // the site requires HTTPS.
        var cookies = RequireHttps(builder.Configuration)
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;
        builder.Services.ConfigureApplicationCookie(options => options.Cookie.SecurePolicy = cookies);
        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = cookies);
        if (RequireHttps(builder.Configuration))
        {
            builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        }

        var perMinute = Math.Max(1, builder.Configuration.GetValue("RateLimits:AccountFormsPerMinute", 10));
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsAccountForm(context.Request)
                    ? RateLimitPartition.GetTokenBucketLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "",
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = perMinute,
                            TokensPerPeriod = 1,
                            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
                            QueueLimit = 3, // slowed down: the next tries wait for the bucket, a few seconds each
                            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                            AutoReplenishment = true,
                        }
                    )
                    : RateLimitPartition.GetNoLimiter("")
            );
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many attempts from your connection. Wait a minute, then try again.",
                    cancellationToken
                );
            };
        });
    }

    /// <summary>
    /// The circuits' and the hub's connections (WebSockets, and their negotiation) are taken only from pages of this
    /// site: a page elsewhere that opens one with the visitor's cookies (cross-site WebSocket hijacking) gets 403. A
    /// browser always says where the page came from (<c>Origin</c>); programs that do not (a mobile app) are let through.
    /// </summary>
    private static Task OnlyOwnOrigin(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (
            (request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/hubs"))
            && request.Headers.Origin is [{ } origin, ..]
            && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        )
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>A post of one of the account forms, where passwords and addresses are tried.</summary>
    private static bool IsAccountForm(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.StartsWithSegments("/Account")
        && !request.Path.StartsWithSegments("/Account/Logout");

    /// <summary>First in the pipeline: the real scheme and client, the security headers, and HTTPS when required.</summary>
    public static void UseWebSecurity(this WebApplication app)
    {
        var options = app
            .Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>()
            .Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders(); // with no proxy named it would believe anyone
        }

        app.UseSecurityHeaders();
        app.UseRateLimiter(); // after the forwarded headers: by the visitor's address, not the proxy's
        app.Use(OnlyOwnOrigin);
        if (RequireHttps(app.Configuration))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
    }

    private static bool RequireHttps(IConfiguration configuration) =>
        configuration.GetValue("Security:RequireHttps", false);
}
