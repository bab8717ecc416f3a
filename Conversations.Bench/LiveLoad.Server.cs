using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Conversations.Bench;

/// <summary>The app server under load: the published app in a process of its own.</summary>
public static partial class LiveLoad
{
    /// <summary>The published app in a process of its own, on a free port, with the Prometheus endpoint on.</summary>
    private sealed partial class ServerProcess : IAsyncDisposable
    {
        private readonly Process process;

        private ServerProcess(Process process, string baseUrl, string connectionString) =>
            (this.process, BaseUrl, ConnectionString) = (process, baseUrl, connectionString);

        /// <summary>The server itself (its gauges, its CPU).</summary>
        public string BaseUrl { get; }

        /// <summary>Where participants reach it: the server, or the nginx in front of it (<c>--nginx</c>).</summary>
        public string PublicUrl { get; set; } = "";

        public string ConnectionString { get; }

        public int Pid => process.Id;

        public static async Task<ServerProcess> StartAsync(string dll, string connectionString)
        {
            var port = FreePort();
            // The app's own pool size (the bench's connection string raises it for the table's measurements).
            var appConnection = new NpgsqlConnectionStringBuilder(connectionString);
            appConnection.Remove("Maximum Pool Size");
            var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(dll)])
            {
                WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ConnectionStrings__Conversations"] = appConnection.ConnectionString;
            start.Environment["Database__MigrateOnStartup"] = "false";
            start.Environment["RateLimits__AccountFormsPerMinute"] = "1000000"; // thousands sign in from this one address
            start.Environment["Demo__Load"] = "false";
            start.Environment["Security__MaxWindowsPerPerson"] = "1000";
            start.Environment["Security__RevalidateEvery"] = "00:00:10";
            start.Environment["Telemetry__Prometheus"] = "true";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => Log(e.Data);
            process.ErrorDataReceived += (_, e) => Log(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new ServerProcess(process, $"http://127.0.0.1:{port}", connectionString);
            server.PublicUrl = server.BaseUrl;
            // Ctrl+C or a kill of the bench must not leave the app server running (and holding its relay) behind.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
            Console.CancelKeyPress += (_, _) => server.Stop();
            await WaitAsync(
                async () =>
                {
                    using var client = server.Client();
                    try
                    {
                        return (await client.GetAsync("/health/ready")).IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return !process.HasExited
                            ? false
                            : throw new InvalidOperationException("The app server stopped; see its log above.");
                    }
                },
                TimeSpan.FromSeconds(60)
            );
            return server;
        }

        private static void Log(string? line)
        {
            if (!string.IsNullOrEmpty(line))
            {
                Console.WriteLine($"  [server] {line}");
            }
        }

        public HttpClient Client() =>
            new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
            {
                BaseAddress = new Uri(BaseUrl),
            };

        /// <summary>Through the log-in form, as a browser would; the session's cookies as one header.</summary>
        public async Task<string> SignInAsync(string email, string password)
        {
            var jar = new CookieContainer();
            using var client = new HttpClient(
                new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }
            )
            {
                BaseAddress = new Uri(PublicUrl),
            };
            var html = await client.GetStringAsync("/Account/Login");
            var fields = HtmlForms.HiddenFieldsOfFormWith(html, "Input.Email");
            fields["Input.Email"] = email;
            fields["Input.Password"] = password;
            using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
            if (
                response.StatusCode != HttpStatusCode.Redirect
                || response.Headers.Location?.OriginalString.Contains("Login", StringComparison.OrdinalIgnoreCase)
                    == true
            )
            {
                throw new InvalidOperationException($"{email} could not sign in: {(int)response.StatusCode}");
            }

            return jar.GetCookieHeader(new Uri(PublicUrl));
        }

        public TimeSpan Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }

        public long Rss()
        {
            process.Refresh();
            return process.WorkingSet64;
        }

        /// <summary>The managed heap after the last collection (the runtime's own meter).</summary>
        public async Task<double> HeapAsync() => await SumAsync("dotnet_gc_last_collection_heap_size_bytes");

        public async Task<double> GaugeAsync(string name) => await SumAsync(name);

        private async Task<double> SumAsync(string metric)
        {
            using var client = Client();
            var text = await client.GetStringAsync("/metrics");
            return text.Split('\n')
                .Where(l =>
                    l.StartsWith(metric, StringComparison.Ordinal)
                    && (l.Length == metric.Length || l[metric.Length] is '{' or ' ')
                )
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        }

        public void Stop()
        {
            try
            {
                if (disposed)
                {
                    return;
                }

                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }

        private bool disposed;

        public async ValueTask DisposeAsync()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        internal static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
