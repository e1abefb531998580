using Thespian.Multiproc;

namespace Thespian.Tests.Transport.Conformance;

/// <summary>Kinds of bad input a lab can send to a transport.</summary>
internal enum BadInput
{
    /// <summary>Bytes that are not a Thespian envelope, from a peer that otherwise follows the transport's protocol.</summary>
    Malformed,

    /// <summary>The start of a message that never ends (the peer stops sending, or goes away).</summary>
    Truncated,
}

/// <summary>
/// What the conformance suite needs from a transport besides <see cref="ITransport"/>: making started transports, sending
/// bad input the way that transport's wire would carry it, and making a transport vanish as a killed process would.
/// </summary>
internal interface ITransportLab : IAsyncDisposable
{
    /// <summary>Makes a transport (not started).</summary>
    /// <param name="capabilities">Capabilities it is configured with.</param>
    /// <param name="queueCapacity">How many envelopes may wait for one endpoint before Send blocks (null: the transport's default).</param>
    ITransport Create(IReadOnlyDictionary<string, object?>? capabilities = null, int? queueCapacity = null);

    /// <summary>Sends bad input to <paramref name="target"/> from a peer of its own.</summary>
    void SendBadInput(ITransport target, BadInput kind);

    /// <summary>Makes <paramref name="transport"/> vanish at once, acknowledging nothing more, as a killed process would.</summary>
    Task KillAsync(ITransport transport);
}
