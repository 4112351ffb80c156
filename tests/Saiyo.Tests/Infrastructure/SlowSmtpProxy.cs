using System.Net;
using System.Net.Sockets;

namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// A slow SMTP server as Saiyo meets it: a TCP relay in front of the test's SMTP server that holds every answer of the
/// server for <paramref name="delay"/>, so one mail takes several of them (greeting, EHLO, MAIL, RCPT, DATA, …).
/// </summary>
public sealed class SlowSmtpProxy(int port, TimeSpan delay) : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, port);
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    private int _sessions;

    public int Port => port;

    /// <summary>SMTP sessions opened so far (each send by a node opens one), whether or not the server finished them.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Starts relaying to the SMTP server on <paramref name="upstreamPort"/>.</summary>
    public void Start(int upstreamPort)
    {
        _listener.Start();
        _accepting = AcceptAsync(upstreamPort);
    }

    private async Task AcceptAsync(int upstreamPort)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _sessions);
                _ = RelayAsync(client, upstreamPort);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task RelayAsync(TcpClient client, int upstreamPort)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, _stop.Token);
                await Task.WhenAny(
                    PumpAsync(client.GetStream(), upstream.GetStream(), TimeSpan.Zero),
                    PumpAsync(upstream.GetStream(), client.GetStream(), delay));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException) { }
        }
    }

    private async Task PumpAsync(Stream from, Stream to, TimeSpan hold)
    {
        var buffer = new byte[8192];
        int n;
        while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (hold > TimeSpan.Zero) await Task.Delay(hold, _stop.Token);
            await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
