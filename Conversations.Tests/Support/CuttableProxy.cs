using System.Net;
using System.Net.Sockets;

namespace Conversations.Tests.Support;

/// <summary>
/// A TCP relay in front of the app that a test can cut, as a tunnel or a dead radio cuts a phone's connection: every
/// open connection closes at once and new ones are refused, until it is restored. (Chromium's offline emulation leaves
/// an open WebSocket standing, so it alone does not drop a page's circuit.)
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;
    private CancellationTokenSource running = new();

    public CuttableProxy(Uri target)
    {
        this.target = new IPEndPoint(IPAddress.Loopback, target.Port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    /// <summary>Closes every connection through the relay and refuses new ones.</summary>
    public void Cut()
    {
        running.Cancel();
        listener?.Stop();
        lock (open)
        {
            foreach (var client in open)
            {
                client.Client?.Close(0); // a reset, not a polite goodbye (a relay that ended already has none)
            }

            open.Clear();
        }
    }

    /// <summary>Accepts connections again.</summary>
    public void Restore()
    {
        running = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _ = AcceptAsync(listener, running.Token);
    }

    private async Task AcceptAsync(TcpListener accepting, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await accepting.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            _ = RelayAsync(incoming, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient incoming, CancellationToken cancellationToken)
    {
        var outgoing = new TcpClient();
        lock (open)
        {
            open.Add(incoming);
            open.Add(outgoing);
        }

        try
        {
            await outgoing.ConnectAsync(target, cancellationToken);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var up = incoming.GetStream().CopyToAsync(outgoing.GetStream(), both.Token);
            var down = outgoing.GetStream().CopyToAsync(incoming.GetStream(), both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync();
        }
        catch (Exception exception)
            when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // a cut, or one side closed: the other side is closed below
        }
        finally
        {
            incoming.Dispose();
            outgoing.Dispose();
            lock (open)
            {
                open.Remove(incoming);
                open.Remove(outgoing);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
