using System.Collections.Concurrent;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Tests.Transport.Conformance;

/// <summary>
/// A sink that records what a transport hands it: envelopes received (with their receipts, marked done at once unless
/// told to hold them), envelopes handed back as undeliverable, and protocol violations.
/// </summary>
internal sealed class RecordingSink : IEnvelopeSink
{
    private readonly ConcurrentQueue<IReceipt> _held = new();
    private volatile bool _holding;

    /// <summary>Envelopes received, in arrival order.</summary>
    public ConcurrentQueue<Envelope> Received { get; } = new();

    /// <summary>Envelopes handed back as undeliverable, in the order handed back.</summary>
    public ConcurrentQueue<Envelope> Undeliverable { get; } = new();

    /// <summary>Protocol violations reported (remote and exception).</summary>
    public ConcurrentQueue<(string Remote, Exception Violation)> Violations { get; } = new();

    /// <summary>While true, received envelopes are not marked done (the receiver is busy).</summary>
    public bool Holding
    {
        get => _holding;
        set => _holding = value;
    }

    /// <summary>Marks every held envelope done and stops holding.</summary>
    public void ReleaseHeld()
    {
        _holding = false;
        while (_held.TryDequeue(out var receipt))
        {
            receipt.Done();
        }
    }

    /// <inheritdoc />
    public void OnEnvelope(Envelope envelope, IReceipt receipt)
    {
        Received.Enqueue(envelope);
        if (_holding)
        {
            _held.Enqueue(receipt);
            return;
        }

        receipt.Done();
    }

    /// <inheritdoc />
    public void OnUndeliverable(string endpoint, IReadOnlyList<Envelope> envelopes, Exception reason)
    {
        foreach (var envelope in envelopes)
        {
            Undeliverable.Enqueue(envelope);
        }
    }

    /// <inheritdoc />
    public void OnProtocolViolation(string remote, Exception violation) => Violations.Enqueue((remote, violation));

    /// <inheritdoc />
    public void OnConnectionFailed(string remote, bool outbound, string failure)
    {
        // Connection failures are logged only; the conformance tests look at what was delivered or handed back.
    }

    /// <inheritdoc />
    public void OnConnectionOverLimit(string remote, string reason)
    {
        // As above.
    }
}
