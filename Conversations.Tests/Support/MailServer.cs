using System.Diagnostics;
using System.Net.Sockets;

namespace Conversations.Tests.Support;

/// <summary>
/// A real mail server for a journey through email: smtp4dev (the repository's .NET tool, as <c>./run.sh</c> starts it)
/// receiving by SMTP and serving its mailbox by IMAP, on ports of its own, keeping mail in memory.
/// </summary>
public sealed class MailServer : IAsyncDisposable
{
    private readonly Process process;

    private MailServer(Process process, int smtp, int imap) =>
        (this.process, SmtpPort, ImapPort) = (process, smtp, imap);

    public int SmtpPort { get; }

    public int ImapPort { get; }

    public static async Task<MailServer> StartAsync()
    {
        var (smtp, imap, web) = (PrivateCluster.FreePort(), PrivateCluster.FreePort(), PrivateCluster.FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Artifacts.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (
            var argument in new[]
            {
                "tool",
                "run",
                "smtp4dev",
                $"--urls=http://127.0.0.1:{web}",
                $"--smtpport={smtp}",
                $"--imapport={imap}",
                "--pop3port=0",
                "--db=",
                "--bindaddress=127.0.0.1",
            }
        )
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MailServer(process, smtp, imap);
        // Up when both of its ports take connections (a deadline, not a wait: a busy machine only takes longer).
        await Eventually.TrueAsync(
            async () => !process.HasExited && await ListensAsync(smtp) && await ListensAsync(imap),
            "smtp4dev listens for SMTP and IMAP",
            TimeSpan.FromMinutes(2)
        );
        return server;
    }

    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
