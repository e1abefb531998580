using System.Collections.Concurrent;
using System.Globalization;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Tests.Transport.InMemory;

/// <summary>
/// A network inside one process for <see cref="InMemoryTransport"/>s: endpoints are "mem:N", and a message travels as
/// the bytes of its envelope, so what a socket transport does with bytes (refuse a malformed one, enforce the size limit)
/// happens here too. It serves unit tests of what sits above the seam and the transport conformance suite.
/// </summary>
internal sealed class InMemoryNetwork
{
    private readonly ConcurrentDictionary<string, InMemoryTransport> _endpoints = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>Makes a transport with its own endpoint on this network.</summary>
    /// <param name="fromAdmin">Whether what it sends comes from a system's admin.</param>
    /// <param name="window">How many envelopes from one sender may be handed on and not yet done before delivery waits.</param>
    /// <param name="queueCapacity">How many envelopes may wait for one receiver before <see cref="ITransport.Send"/> blocks.</param>
    public InMemoryTransport Create(bool fromAdmin = false, int window = 1024, int queueCapacity = 4096)
    {
        var endpoint = string.Create(CultureInfo.InvariantCulture, $"mem:{Interlocked.Increment(ref _next)}");
        var transport = new InMemoryTransport(this, endpoint, fromAdmin, window, queueCapacity);
        _endpoints[endpoint] = transport;
        return transport;
    }

    /// <summary>The transport receiving at <paramref name="endpoint"/>, if it is still there.</summary>
    public InMemoryTransport? Find(string endpoint) => _endpoints.TryGetValue(endpoint, out var transport) ? transport : null;

    /// <summary>Whether text names an endpoint of this kind ("mem:" and a number).</summary>
    public static bool IsEndpoint(string text) =>
        text.StartsWith("mem:", StringComparison.Ordinal) &&
        int.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>The bytes that carry an envelope.</summary>
    public static byte[] Encode(Envelope envelope)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>(envelope.EncodedLength);
        envelope.WriteTo(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>A transport left the network.</summary>
    internal void Remove(InMemoryTransport transport) =>
        _endpoints.TryRemove(new KeyValuePair<string, InMemoryTransport>(transport.LocalEndpoint, transport));
}
