using System.Buffers.Binary;
using System.Net.Sockets;
using Thespian.Bases.MultiprocTcp;
using Thespian.Multiproc;
using Thespian.Sockets;
using Thespian.Wire;
using Thespian.Tests.Multiproc.Tls;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Tests.Transport.Conformance;

/// <summary>
/// The transport conformance suite on the TCP transport, over loopback, without and with a shared secret, and with TLS
/// (and the secret inside it).
/// </summary>
[TestFixture(false, false)]
[TestFixture(true, false)]
[TestFixture(true, true)]
internal sealed class TcpTransportConformanceTests(bool withSecret, bool withTls) : TransportConformanceTests
{
    private static readonly Lazy<TlsCredentials> Tls = new(() => new TlsCredentials(TestCertificates.Make("conformance"), [], []));

    protected override ITransportLab CreateLab() =>
        new TcpLab(withSecret ? SystemSecret.FromText("conformance secret") : null, withTls ? Tls.Value : null);

    private sealed class TcpLab(SystemSecret? secret, TlsCredentials? tls) : ITransportLab
    {
        private readonly List<Socket> _raw = [];

        public ITransport Create(IReadOnlyDictionary<string, object?>? capabilities = null, int? queueCapacity = null)
        {
            var options = new TcpTransportOptions { MaxFrameBytes = WireProtocol.MaxFrameBytesFrom(capabilities), Secret = secret, Tls = tls };
            var transport = new TcpTransport(queueCapacity is { } capacity ? options with { QueueCapacity = capacity } : options);
            transport.Configure(capabilities);
            return transport;
        }

        /// <summary>A raw connection that shakes hands as a peer, then sends a frame that is no envelope, or half a frame.</summary>
        public void SendBadInput(ITransport target, BadInput kind)
        {
            var (host, port) = IpEndpoints.Parse(target.LocalEndpoint);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            _raw.Add(socket);
            socket.Connect(host, port);
            var connection = ConnectionStream.Connected(socket, tls, target.LocalEndpoint, TimeSpan.FromSeconds(10));
            BlockingHandshake.Connect(connection, WireRole.Peer, TimeSpan.FromSeconds(10), secret);
            var frame = new byte[WireProtocol.FrameHeaderLength + 60];
            BinaryPrimitives.WriteInt32LittleEndian(frame, kind == BadInput.Malformed ? 60 : 100_000);
            frame[WireProtocol.FrameHeaderLength] = 0xFF;
            connection.Send(frame);
            if (kind == BadInput.Truncated)
            {
                socket.Close();
            }
        }

        public async Task KillAsync(ITransport transport) => await transport.DisposeAsync().ConfigureAwait(false);

        public ValueTask DisposeAsync()
        {
            foreach (var socket in _raw)
            {
                socket.Dispose();
            }

            return ValueTask.CompletedTask;
        }
    }
}
