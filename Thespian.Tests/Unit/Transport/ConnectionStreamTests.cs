using System.Net;
using System.Net.Sockets;
using Thespian.Bases.MultiprocTcp;
using Thespian.Tests.Multiproc.Tls;
using Thespian.Wire;
using Thespian.Wire.Tls;

namespace Thespian.Tests.Unit.Transport;

/// <summary>
/// The connection seam under the TCP transport, over real loopback sockets: the plain stream and the TLS stream carry
/// bytes both ways at once and fail alike (a receive timeout is the socket's timeout either way); a TLS listener answers a
/// plain greeting that TLS is required, a plain listener refuses a TLS ClientHello saying so, and an untrusted
/// certificate is refused with the reason.
/// </summary>
public sealed class ConnectionStreamTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly Lazy<TlsCredentials> Tls = new(() => new TlsCredentials(TestCertificates.Make("seam"), [], []));

    [Test]
    public void BothStreams_BytesBothWaysAtOnce_ArriveWhole([Values] bool tls)
    {
        var (client, server) = Pair(tls ? Tls.Value : null, tls ? Tls.Value : null);
        using (client)
        using (server)
        {
            var fromClient = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
            var fromServer = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();

            var serverSide = Task.Run(() =>
            {
                server.Send(fromServer);
                return ReceiveExactly(server, fromClient.Length);
            });
            client.Send(fromClient);
            var atClient = ReceiveExactly(client, fromServer.Length);

            Assert.That(serverSide.Wait(Deadline), Is.True, "the server side finished");
            Assert.That(serverSide.Result, Is.EqualTo(fromClient));
            Assert.That(atClient, Is.EqualTo(fromServer));
            Assert.That(client.MayPollSocket, Is.EqualTo(!tls), "only a plain socket may be polled for bytes");
            Assert.That(client, tls ? Is.InstanceOf<TlsConnectionStream>() : Is.InstanceOf<PlainConnectionStream>());
        }
    }

    [Test]
    public void BothStreams_NothingArrivesWithinTheTimeout_ThrowTheSocketsTimeout([Values] bool tls)
    {
        var (client, server) = Pair(tls ? Tls.Value : null, tls ? Tls.Value : null);
        using (client)
        using (server)
        {
            server.Socket.ReceiveTimeout = 100;

            var error = Assert.Throws<SocketException>(() => server.Receive(new byte[16]));

            Assert.That(error!.SocketErrorCode, Is.EqualTo(SocketError.TimedOut));
        }
    }

    /// <remarks>
    /// With TLS 1.3 the closing side may hold a session ticket it never read, so its close can arrive as a reset: every
    /// caller treats a reset like a close (the peer went away).
    /// </remarks>
    [Test]
    public void BothStreams_PeerCloses_ReceiveSeesTheClose([Values] bool tls)
    {
        var (client, server) = Pair(tls ? Tls.Value : null, tls ? Tls.Value : null);
        using (server)
        {
            client.Send([1, 2, 3]);
            Assert.That(ReceiveExactly(server, 3), Is.EqualTo(new byte[] { 1, 2, 3 }));
            client.Dispose();

            int? read = null;
            try
            {
                read = server.Receive(new byte[16]);
            }
            catch (SocketException ex) when (tls && ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                // Closed, with a reset.
            }

            Assert.That(read, Is.Null.Or.Zero);
        }
    }

    [Test]
    public void TlsListener_PlainGreeting_AnsweredTlsRequiredAndRefused()
    {
        using var listener = Listen();
        using var client = Connect(listener);
        using var accepted = listener.AcceptSocket();
        var greeting = new byte[WireProtocol.HandshakeLength];
        Handshake.WriteHello(greeting, WireRole.Client);
        client.Send(greeting);

        var refusal = Assert.Throws<WireProtocolException>(() => ConnectionStream.Accepted(accepted, Tls.Value, Deadline));
        var plainSide = Assert.Throws<WireProtocolException>(() => BlockingHandshake.Connect(new PlainConnectionStream(client), WireRole.Client, Deadline));

        Assert.That(refusal!.Violation, Is.EqualTo(WireViolation.AuthenticationFailed));
        Assert.That(refusal.Message, Does.Contain("without TLS").And.Contain("\"Thespian TLS Certificate\""));
        Assert.That(plainSide!.Message, Does.Contain("runs TLS, and this process has none"));
    }

    [Test]
    public void PlainListener_TlsClientHello_RefusedSayingSo_AndTheTlsClientFailsClearly()
    {
        using var listener = Listen();
        using var client = Connect(listener);
        using var accepted = listener.AcceptSocket();
        var endpoint = listener.LocalEndpoint.ToString()!;

        var connecting = Task.Run(() => ConnectionStream.Connected(client, Tls.Value, endpoint, Deadline));
        var refusal = Assert.Throws<WireProtocolException>(
            () => BlockingHandshake.Accept(new PlainConnectionStream(accepted), Deadline, _ => true));
        accepted.Dispose();
        var tlsSide = Assert.ThrowsAsync<WireProtocolException>(() => connecting);

        Assert.That(refusal!.Message, Does.Contain("began a TLS handshake, but this system has no TLS"));
        Assert.That(tlsSide!.Message, Does.Contain($"The TLS handshake with {endpoint} failed").And.Contain("runs no TLS"));
    }

    [Test]
    public void UntrustedCertificate_RefusedByTheClient_WithTheReason()
    {
        var stranger = new TlsCredentials(TestCertificates.Make("stranger"), [], []);

        var error = Assert.Throws<WireProtocolException>(() => Pair(client: Tls.Value, server: stranger));

        Assert.That(error!.Violation, Is.EqualTo(WireViolation.AuthenticationFailed));
        Assert.That(error.Message, Does.Contain("is not trusted over TLS").And.Contain("CN=stranger"));
    }

    [Test]
    public void UntrustedClientCertificate_RefusedByTheServer_AndTheClientLearnsAtItsFirstRead()
    {
        // The stranger trusts the server's certificate (pinned), the server does not trust the stranger's.
        var stranger = new TlsCredentials(TestCertificates.Make("stranger"), [],
                                          [Tls.Value.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)]);
        using var listener = Listen();
        using var clientSocket = Connect(listener);
        using var accepted = listener.AcceptSocket();
        var endpoint = listener.LocalEndpoint.ToString()!;
        var accepting = Task.Run(() => ConnectionStream.Accepted(accepted, Tls.Value, Deadline));

        Exception? clientError = null;
        try
        {
            using var client = ConnectionStream.Connected(clientSocket, stranger, endpoint, Deadline);
            client.Send([1]);
            client.Receive(new byte[1]);
        }
        catch (WireProtocolException ex)
        {
            clientError = ex;
        }

        var serverError = Assert.ThrowsAsync<WireProtocolException>(() => accepting);
        Assert.That(serverError!.Message, Does.Contain("refused over TLS").And.Contain("CN=stranger").And.Contain("not trusted"));
        Assert.That(clientError, Is.Not.Null, "the client learns it was refused");
        Assert.That(clientError!.Message, Does.Contain("does not trust this process's certificate"));
    }

    private static (ConnectionStream Client, ConnectionStream Server) Pair(TlsCredentials? client, TlsCredentials? server)
    {
        using var listener = Listen();
        var clientSocket = Connect(listener);
        var accepted = listener.AcceptSocket();
        var endpoint = listener.LocalEndpoint.ToString()!;
        var accepting = Task.Run(() => ConnectionStream.Accepted(accepted, server, Deadline));
        try
        {
            var connected = ConnectionStream.Connected(clientSocket, client, endpoint, Deadline);
            return (connected, accepting.GetAwaiter().GetResult());
        }
        catch
        {
            clientSocket.Dispose();
            accepted.Dispose();
            throw;
        }
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static Socket Connect(TcpListener listener)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect((IPEndPoint)listener.LocalEndpoint);
        return socket;
    }

    private static byte[] ReceiveExactly(ConnectionStream connection, int count)
    {
        var buffer = new byte[count];
        var got = 0;
        while (got < count)
        {
            var read = connection.Receive(buffer.AsSpan(got));
            if (read == 0)
            {
                throw new EndOfStreamException($"closed after {got} of {count} bytes");
            }

            got += read;
        }

        return buffer;
    }
}
