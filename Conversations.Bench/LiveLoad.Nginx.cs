using System.Diagnostics;

namespace Conversations.Bench;

public static partial class LiveLoad
{
    /// <summary>
    /// The repository's deployment recipe (<c>deploy/nginx.conf.template</c>, Debian's nginx) in front of the app server:
    /// with <c>--nginx</c>, every sign-in, hub connection and tab goes through it (both upstream slots name the one server).
    /// </summary>
    private sealed class NginxProxy : IAsyncDisposable
    {
        private readonly Process process;
        private readonly DirectoryInfo work;
        private int stopped;

        private NginxProxy(Process process, DirectoryInfo work, string url) =>
            (this.process, this.work, Url) = (process, work, url);

        public string Url { get; }

        public static async Task<NginxProxy> StartAsync(string upstream)
        {
            var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("nginx is not installed (apt-get install nginx-light).");
            var work = Directory.CreateTempSubdirectory("conversations-bench-nginx-");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(work.FullName, (UnixFileMode)0b111_101_101); // its workers run unprivileged when started by root
            }

            var port = ServerProcess.FreePort();
            var config = Path.Combine(work.FullName, "nginx.conf");
            var server = new Uri(upstream).Authority;
            await File.WriteAllTextAsync(
                config,
                (await File.ReadAllTextAsync(Path.Combine("deploy", "nginx.conf.template")))
                    .Replace("@WORK@", work.FullName, StringComparison.Ordinal)
                    .Replace("@LISTEN@", $"127.0.0.1:{port}", StringComparison.Ordinal)
                    .Replace("@SERVER_A@", server, StringComparison.Ordinal)
                    .Replace("@SERVER_B@", server, StringComparison.Ordinal)
            );
            var process = Process.Start(
                new ProcessStartInfo(binary)
                {
                    ArgumentList = { "-p", work.FullName, "-c", config, "-g", "daemon off;" },
                }
            )!;
            var proxy = new NginxProxy(process, work, $"http://127.0.0.1:{port}");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => proxy.Stop();
            using var http = new HttpClient();
            await WaitAsync(
                async () =>
                {
                    try
                    {
                        return (await http.GetAsync($"{proxy.Url}/health/ready")).IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return !process.HasExited
                            ? false
                            : throw new InvalidOperationException("nginx stopped; see its message above.");
                    }
                },
                TimeSpan.FromSeconds(30)
            );
            return proxy;
        }

        /// <summary>Once: on disposal, or when the bench exits (Ctrl+C, a failure) before that.</summary>
        private void Stop()
        {
            if (Interlocked.Exchange(ref stopped, 1) == 0 && !process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Stop();
            await process.WaitForExitAsync();
            process.Dispose();
            work.Delete(recursive: true);
        }
    }
}
