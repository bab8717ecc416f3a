using Conversations.Domain;
using Conversations.Domain.Demo;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Conversations.Web.Components;
using Conversations.Web.Components.Account;
using Conversations.Web.Components.Layout;
using Conversations.Web.Components.Messaging;
using Conversations.Web.Components.Shared;
using Conversations.Web.Configuration;
using Conversations.Web.Endpoints;
using Conversations.Web.Live;
using Conversations.Web.Localization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddRepositorySettings(builder.Environment);
builder.WebHost.UseStaticWebAssets();

var connectionString = builder.Configuration.GetConnectionString("Conversations");
if (string.IsNullOrWhiteSpace(connectionString))
{
    throw new InvalidOperationException(
        "No database is configured. Set ConnectionStrings:Conversations in appsettings.json or the ConnectionStrings__Conversations "
            + "environment variable, or start the app with ./run.sh, which starts a local PostgreSQL for you."
    );
}

// What the product needs: sign-in forms and a message of 1,000 characters (sent over the circuit, never as a request
// body). Pictures are streamed over the circuit in chunks. Anything bigger is refused (413 / the connection is closed).
const long MaxRequestBody = 64 * 1024;
const long MaxHubMessage = 32 * 1024;
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBody);
builder.AddWebSecurity();
builder
    .Services.AddRazorComponents()
    .AddInteractiveServerComponents(circuits =>
    {
        // How long the server keeps a page whose connection dropped (a tunnel, a sleeping phone) before it comes back
        // as a new page (with its draft, from the server). A test sets it short to see that second path.
        if (builder.Configuration.GetValue<TimeSpan?>("Circuits:DisconnectedRetention") is { } kept)
        {
            circuits.DisconnectedCircuitRetentionPeriod = kept;
        }
    })
    .AddHubOptions(hub => hub.MaximumReceiveMessageSize = MaxHubMessage);

// Short confirmations at the bottom: on a phone the top is the app bar's (a snackbar there slid under it), the bottom within reach.
builder.Services.AddMudServices(mud =>
    mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter
);
builder.Services.AddLanguages();
builder.Services.AddTransient<ChangeRun>(); // each component its own: busy, the refusal in words, reload

builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<IdentityRedirectManager>();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
builder.Services.AddScoped<SignedInParticipant>();
builder.Services.AddScoped<LiveConversations>();
builder.Services.AddSingleton<ScreenReloads>();
builder.Services.AddScoped<Mailboxes>();
builder.Services.AddScoped<ThemeChoice>();
builder.Services.AddScoped<ViewerClock>();
builder.Services.AddScoped<CircuitHandler, ReconnectingCircuitHandler>();
builder.Services.AddSingleton<OpenCircuits>();
builder.Services.AddScoped<CircuitHandler, CircuitCounter>();
builder.Services.AddSingleton<LiveCircuits>();
builder.Services.AddScoped<CircuitHandler, CircuitSignIn>();
builder.Services.AddScoped<TabInView>();
builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<TabInView>());
builder.Services.AddSignalR(options => options.MaximumReceiveMessageSize = MaxHubMessage);
builder.Services.AddSingleton<UnreadHubWatchers>();
builder.Services.AddSingleton<HubSessions>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<HubSessions>());
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
builder.Services.AddAuthorization();

// A deleted account or a changed password ends the other sessions within a minute (the domain refuses a deleted account at once).
builder.Services.Configure<SecurityStampValidatorOptions>(options =>
    options.ValidationInterval = builder.Configuration.GetValue("Security:RevalidateEvery", TimeSpan.FromMinutes(1))
);
builder.Services.ConfigureApplicationCookie(options =>
{
    // Hub clients are programs, not browsers: tell them 401 instead of redirecting to the login page.
    options.Events.OnRedirectToLogin = context =>
    {
        if (context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };
});
builder.Services.AddConversationsDomain(connectionString, builder.Configuration).AddSignInManager<EvenSignInManager>();
builder.Services.AddSessionCookies();

// /health/live: the process answers. /health/ready: the database answers and the relay listens (for a load balancer).
builder
    .Services.AddHealthChecks()
    .AddNpgSql(connectionString, name: "database", tags: ["ready"])
    .AddCheck<RelayHealthCheck>("relay", tags: ["ready"]);

// Metrics and traces through OpenTelemetry: the product's meter, ASP.NET Core's and Npgsql's (pool usage, command
// durations) and the runtime's (heap, GC). A Prometheus endpoint at /metrics only when Telemetry:Prometheus is on; metrics
// and traces pushed over OTLP only when an endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT, OpenTelemetry's own variable).
var prometheus = builder.Configuration.GetValue("Telemetry:Prometheus", false);
var telemetry = builder
    .Services.AddOpenTelemetry()
    .WithMetrics(metrics =>
    {
        metrics
            .AddMeter(ConversationsMetrics.MeterName, "System.Runtime")
            .AddAspNetCoreInstrumentation()
            .AddNpgsqlInstrumentation();
        if (prometheus)
        {
            metrics.AddPrometheusExporter();
        }
    })
    .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddNpgsql());
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    telemetry.UseOtlpExporter();
}

// Every app server reads and writes the same keys (in PostgreSQL), so a cookie made by one is read by all.
builder
    .Services.AddDataProtection()
    .SetApplicationName("Conversations")
    .PersistKeysToDbContext<ConversationsDbContext>();

var app = builder.Build();
app.UseWebSecurity();

// Named here, after the forwarded headers, rather than added by the framework before everything: a sign-in challenge
// must see the scheme the visitor used. Still before the status-code pages, so that a hub's 401 stays a 401.
app.UseAuthentication();
app.UseAuthorization();
app.UseLanguages();

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    await app.Services.GetRequiredService<Database>().MigrateAsync();
}

if (app.Configuration.GetValue("Demo:Load", false))
{
    await app.Services.GetRequiredService<DemoData>().LoadIntoEmptyDatabaseAsync();
}

await app.Services.GetRequiredService<Conversations.Domain.Moderation.Administrators>().GrantConfiguredAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

// Say "too large" before anything reads the form; a body without a length (chunked) meets Kestrel's limit while a form
// is read, and that read's failure is answered with its own status (413, 400), not as an error of the app.
app.Use(
    async (context, next) =>
    {
        if (context.Request.ContentLength > MaxRequestBody)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        try
        {
            if (!await PlainRequest.IsPlainAsync(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(SharedWords.RequestNotPlain());
                return;
            }

            await next(context);
        }
        catch (Exception exception)
            when (!context.Response.HasStarted
                && (exception as BadHttpRequestException ?? exception.InnerException as BadHttpRequestException)
                    is { } bad
            ) // antiforgery wraps it
        {
            context.Response.Clear();
            context.Response.StatusCode = bad.StatusCode;
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false; // re-executing a post would fail again
            await context.Response.WriteAsync(
                SharedWords.RequestRefused(bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            );
        }
    }
);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapUnsubscribeEndpoints();
app.MapLanguageEndpoints();
app.MapDataEndpoints();
app.MapAvatarEndpoints();
app.MapAppEndpoints();
app.MapHub<UnreadHub>(UnreadHub.Path);
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
if (prometheus)
{
    app.MapPrometheusScrapingEndpoint();
}

app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });

app.Run();

/// <summary>Visible to the tests, which host the app on a real port.</summary>
public partial class Program;
