using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Conversations.Tests.Support;

/// <summary>
/// A real SMTP server in the test process (the <c>SmtpServer</c> library) on a port of its own, keeping every email it
/// is given as a parsed MIME message. It can be stopped and started again on the same port (an SMTP server that is down).
/// </summary>
public sealed class SmtpCatcher : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private CancellationTokenSource? running;
    private Task serving = Task.CompletedTask;

    private SmtpCatcher(int port) => Port = port;

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Received => received;

    /// <summary>What was received for this address (as written, case and all) so far, in the order it arrived.</summary>
    public IReadOnlyList<MimeMessage> To(string? address) =>
        received.Where(m => m.To.Mailboxes.Any(a => a.Address == address)).ToList();

    public static SmtpCatcher Start()
    {
        var catcher = new SmtpCatcher(PrivateCluster.FreePort());
        catcher.Resume();
        return catcher;
    }

    /// <summary>Listens (again) on its port.</summary>
    public void Resume()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Port(Port, isSecure: false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(received));
        running = new CancellationTokenSource();
        serving = new SmtpServer.SmtpServer(options, services).StartAsync(running.Token);
    }

    /// <summary>Stops listening: connections are refused until <see cref="Resume"/>.</summary>
    public async Task StopAsync()
    {
        await running!.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context,
            IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken
        )
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
