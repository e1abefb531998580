using System.Net;
using System.Net.Sockets;

namespace Thespian.Tests.Wire;

/// <summary>A real TCP connection over 127.0.0.1 (an ephemeral port); disposing closes both ends and the listener.</summary>
internal sealed class LoopbackConnection : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly TcpClient _client;
    private readonly TcpClient _server;

    private LoopbackConnection(TcpListener listener, TcpClient client, TcpClient server)
    {
        _listener = listener;
        _client = client;
        _server = server;
        Client = client.GetStream();
        Server = server.GetStream();
    }

    /// <summary>The connecting side.</summary>
    public NetworkStream Client { get; }

    /// <summary>The accepting side.</summary>
    public NetworkStream Server { get; }

    public static async Task<LoopbackConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        var client = new TcpClient();
        try
        {
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var accept = listener.AcceptTcpClientAsync(cancellationToken).AsTask();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            var server = await accept;
            return new LoopbackConnection(listener, client, server);
        }
        catch
        {
            client.Dispose();
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Closes the accepting side gracefully (the connecting side then reads end of stream).</summary>
    public void CloseServer()
    {
        Server.Dispose();
        _server.Dispose();
    }

    /// <summary>Closes the connecting side gracefully.</summary>
    public void CloseClient()
    {
        Client.Dispose();
        _client.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        CloseClient();
        CloseServer();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
