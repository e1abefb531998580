using System.Net;
using System.Net.Sockets;
using System.Text;
using Thespian.Bases.MultiprocTcp;
using Thespian.Tests.Transport.Conformance;
using Thespian.Wire;
using Thespian.Wire.Tls;

namespace Thespian.Tests.Multiproc.Tls;

/// <summary>
/// What travels on the wire between two TCP transports, captured by a relay between them: with TLS, the connection opens
/// with a TLS ClientHello, and neither the Thespian greeting nor the message's text appears anywhere in it; without TLS
/// (the control, proving the capture sees the traffic) both do. The message arrives either way.
/// </summary>
public sealed class TlsWireCaptureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly byte[] Marker = Encoding.UTF8.GetBytes("plaintext-marker-0b5e7c-visible-only-without-tls");

    [Test]
    public async Task Message_ThroughACapturingRelay_IsEncryptedOnlyWithTls([Values] bool tls)
    {
        var credentials = tls ? new TlsCredentials(TestCertificates.Make("capture"), [], []) : null;
        await using var receiver = new TcpTransport(new TcpTransportOptions { Tls = credentials });
        await using var sender = new TcpTransport(new TcpTransportOptions { Tls = credentials });
        var received = new RecordingSink();
        receiver.Start(received);
        sender.Start(new RecordingSink());
        using var relay = new RecordingRelay(receiver.LocalEndpoint);

        sender.Send(relay.Endpoint, new Envelope(EnvelopeKind.Deliver, new ActorId(1, 2), new ActorId(3, 4), ActorId.Zero,
                                                 sender.LocalEndpoint, Marker));

        Assert.That(SpinWait.SpinUntil(() => !received.Received.IsEmpty, Patience), Is.True, "the message arrives through the relay");
        Assert.That(received.Received.Single().Body.ToArray(), Is.EqualTo(Marker));
        var wire = relay.Forwarded();
        Assert.That(wire.Length, Is.GreaterThan(Marker.Length), "the relay saw the traffic");
        if (tls)
        {
            Assert.That(TlsSettings.StartsTlsHandshake(wire), Is.True, "the connection opens with a TLS handshake record");
            Assert.That(wire.AsSpan().IndexOf(WireProtocol.Magic), Is.EqualTo(-1), "no plaintext Thespian greeting");
            Assert.That(wire.AsSpan().IndexOf(Marker), Is.EqualTo(-1), "no plaintext message");
        }
        else
        {
            Assert.That(wire.AsSpan().StartsWith(WireProtocol.Magic), Is.True, "the plain greeting, in the clear");
            Assert.That(wire.AsSpan().IndexOf(Marker), Is.GreaterThan(0), "the message, in the clear");
        }
    }

    /// <summary>A loopback relay to one endpoint that records every byte it forwards from the connecting side.</summary>
    private sealed class RecordingRelay : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _sockets = [];
        private readonly MemoryStream _forwarded = new();

        public RecordingRelay(string target)
        {
            _listener.Start();
            Endpoint = _listener.LocalEndpoint.ToString()!;
            var (host, port) = Sockets.IpEndpoints.Parse(target);
            _ = Task.Run(async () =>
            {
                var inbound = await _listener.AcceptSocketAsync().ConfigureAwait(false);
                var outbound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await outbound.ConnectAsync(IPAddress.Parse(host), port).ConfigureAwait(false);
                lock (_sockets)
                {
                    _sockets.AddRange([inbound, outbound]);
                }

                _ = Task.Run(() => Pump(inbound, outbound, record: true));
                _ = Task.Run(() => Pump(outbound, inbound, record: false));
            });
        }

        public string Endpoint { get; }

        public byte[] Forwarded()
        {
            lock (_forwarded)
            {
                return _forwarded.ToArray();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            lock (_sockets)
            {
                foreach (var socket in _sockets)
                {
                    socket.Dispose();
                }
            }
        }

        private void Pump(Socket from, Socket to, bool record)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = from.Receive(buffer)) > 0)
                {
                    if (record)
                    {
                        lock (_forwarded)
                        {
                            _forwarded.Write(buffer, 0, read);
                        }
                    }

                    to.Send(buffer.AsSpan(0, read));
                }

                to.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The test is over.
            }
        }
    }
}
