using System.Net;
using Thespian.Bases.MultiprocUdp;
using Thespian.Multiproc;
using Thespian.Tests.Unit.Udp;
using Thespian.Wire;
using Thespian.Wire.Authentication;

namespace Thespian.Tests.Transport.Conformance;

/// <summary>
/// The transport conformance suite on the UDP transport, over loopback, without and with a shared secret (every datagram
/// tagged; the hand-made bad input of the raw peer is untagged, so with a secret those scenarios do not apply).
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
internal sealed class UdpTransportConformanceTests(bool withSecret) : TransportConformanceTests
{
    protected override ITransportLab CreateLab() => new UdpLab(withSecret ? SystemSecret.FromText("conformance secret") : null);

    private sealed class UdpLab(SystemSecret? secret) : ITransportLab
    {
        private readonly List<RawUdpPeer> _raw = [];

        public ITransport Create(IReadOnlyDictionary<string, object?>? capabilities = null, int? queueCapacity = null)
        {
            var options = new UdpTransportOptions { MaxMessageBytes = WireProtocol.MaxFrameBytesFrom(capabilities), Secret = secret };
            var transport = new UdpTransport(queueCapacity is { } capacity ? options with { QueueCapacity = capacity } : options);
            transport.Configure(capabilities);
            return transport;
        }

        /// <summary>
        /// A raw peer that says hello, then sends a datagram whose envelope is no envelope, or the first fragment of an
        /// envelope whose other fragments never come.
        /// </summary>
        public void SendBadInput(ITransport target, BadInput kind)
        {
            if (secret is not null)
            {
                Assert.Ignore("The raw peer sends untagged datagrams, which a transport with a secret drops before reading (SecretSystemTests covers that).");
            }

            var peer = new RawUdpPeer();
            _raw.Add(peer);
            var receiver = IPEndPoint.Parse(target.LocalEndpoint);
            Assert.That(peer.Hello(receiver), Is.EqualTo(HandshakeStatus.Accepted), "the raw peer's hello");
            peer.Send(receiver, kind == BadInput.Malformed
                ? peer.Data(1, NotAnEnvelope())
                : peer.Data(1, RawUdpPeer.FragmentChunk(100_000, 0, 1000)));
        }

        public async Task KillAsync(ITransport transport) => await transport.DisposeAsync().ConfigureAwait(false);

        public ValueTask DisposeAsync()
        {
            foreach (var peer in _raw)
            {
                peer.Dispose();
            }

            return ValueTask.CompletedTask;
        }

        private static byte[] NotAnEnvelope()
        {
            byte[] bytes = [0xFF, .. new byte[60]];
            var chunk = new byte[DatagramCodec.WholeChunkOverhead + bytes.Length];
            DatagramCodec.WriteWholeChunkHeader(chunk, bytes.Length);
            bytes.CopyTo(chunk, DatagramCodec.WholeChunkOverhead);
            return chunk;
        }
    }
}
