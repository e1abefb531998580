using Thespian.Multiproc;
using Thespian.Tests.Transport.InMemory;

namespace Thespian.Tests.Transport.Conformance;

/// <summary>The transport conformance suite on the in-memory transport.</summary>
[TestFixture]
internal sealed class InMemoryTransportConformanceTests : TransportConformanceTests
{
    protected override ITransportLab CreateLab() => new InMemoryLab();

    private sealed class InMemoryLab : ITransportLab
    {
        private readonly InMemoryNetwork _network = new();

        public ITransport Create(IReadOnlyDictionary<string, object?>? capabilities = null, int? queueCapacity = null)
        {
            var transport = _network.Create(queueCapacity: queueCapacity ?? 4096);
            transport.Configure(capabilities);
            return transport;
        }

        public void SendBadInput(ITransport target, BadInput kind)
        {
            var peer = _network.Create();
            peer.Start(new RecordingSink());
            // Not an envelope: an unknown kind, or bytes that stop inside the envelope's header.
            peer.SendRaw(target.LocalEndpoint, kind == BadInput.Malformed ? [0xFF, .. new byte[60]] : [1, 2, 3]);
        }

        public Task KillAsync(ITransport transport)
        {
            ((InMemoryTransport)transport).Kill();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
