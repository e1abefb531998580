using System.Collections.Concurrent;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Udp;

/// <summary>
/// What a transport under test hands on: every envelope with its receipt (marked done at once unless told otherwise),
/// every batch of undeliverables, every violation reported.
/// </summary>
internal sealed class RecordingSink : IEnvelopeSink
{
    private readonly object _gate = new();
    private readonly List<(Envelope Envelope, IReceipt Receipt)> _received = [];
    private readonly List<(string Endpoint, List<Envelope> Envelopes, Exception Reason)> _undeliverable = [];

    /// <summary>Whether envelopes are marked done as they arrive.</summary>
    public bool MarkDone { get; set; } = true;

    public ConcurrentQueue<(string Remote, Exception Violation)> Violations { get; } = new();

    public ConcurrentQueue<(string Remote, bool Outbound, string Failure)> ConnectionFailures { get; } = new();

    public ConcurrentQueue<(string Remote, string Reason)> OverLimit { get; } = new();

    public int ReceivedCount
    {
        get
        {
            lock (_gate)
            {
                return _received.Count;
            }
        }
    }

    public List<(Envelope Envelope, IReceipt Receipt)> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public List<(string Endpoint, List<Envelope> Envelopes, Exception Reason)> Undeliverable
    {
        get
        {
            lock (_gate)
            {
                return [.. _undeliverable];
            }
        }
    }

    public int UndeliverableCount
    {
        get
        {
            lock (_gate)
            {
                return _undeliverable.Sum(u => u.Envelopes.Count);
            }
        }
    }

    public void OnEnvelope(Envelope envelope, IReceipt receipt)
    {
        lock (_gate)
        {
            _received.Add((envelope, receipt));
        }

        if (MarkDone)
        {
            receipt.Done();
        }
    }

    public void OnUndeliverable(string endpoint, IReadOnlyList<Envelope> envelopes, Exception reason)
    {
        lock (_gate)
        {
            _undeliverable.Add((endpoint, [.. envelopes], reason));
        }
    }

    public void OnProtocolViolation(string remote, Exception violation) => Violations.Enqueue((remote, violation));

    public void OnConnectionFailed(string remote, bool outbound, string failure) => ConnectionFailures.Enqueue((remote, outbound, failure));

    public void OnConnectionOverLimit(string remote, string reason) => OverLimit.Enqueue((remote, reason));

    /// <summary>Marks done every envelope received so far that is not done yet.</summary>
    public void MarkAllDone(ref int alreadyDone)
    {
        var received = Received;
        for (var i = alreadyDone; i < received.Count; i++)
        {
            received[i].Receipt.Done();
        }

        alreadyDone = received.Count;
    }
}
