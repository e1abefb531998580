using Thespian.Multiproc;
using Thespian.Wire;
using static Thespian.Tests.Unit.Concurrency.NumberedEnvelopes;

namespace Thespian.Tests.Unit.Concurrency;

/// <summary>
/// Where a transport in these tests hands what it receives: records each envelope's number and either marks it done at
/// once or keeps its receipt until the test says so; records undeliverables and protocol violations.
/// </summary>
internal sealed class RecordingSink : IEnvelopeSink
{
    private readonly Lock _gate = new();
    private readonly List<int> _received = [];
    private readonly List<int> _done = [];
    private readonly Queue<(int Sequence, IReceipt Receipt)> _notDone = new();
    private readonly List<int[]> _undeliverable = [];
    private readonly List<Exception> _violations = [];
    private readonly List<string> _badBodies = [];
    private bool _marksDone;

    /// <param name="marksDone">Whether each envelope is marked done as it arrives (else only after <see cref="MarkDoneFromNowOn"/>).</param>
    public RecordingSink(bool marksDone)
    {
        _marksDone = marksDone;
    }

    /// <summary>When set, the receiving thread stops at this envelope (before recording it) until <see cref="Resume"/> is set.</summary>
    public int? PauseAt { get; init; }

    /// <summary>Set when the receiving thread stopped at <see cref="PauseAt"/>.</summary>
    public ManualResetEventSlim Paused { get; } = new();

    /// <summary>Lets a paused receiving thread go on.</summary>
    public ManualResetEventSlim Resume { get; } = new();

    public List<int> Received => Snapshot(_received);

    public List<int> Done => Snapshot(_done);

    public List<int[]> Undeliverable
    {
        get
        {
            lock (_gate)
            {
                return [.. _undeliverable];
            }
        }
    }

    public List<Exception> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Envelopes whose body was not the one <see cref="BodyFor"/> gives their number.</summary>
    public List<string> BadBodies
    {
        get
        {
            lock (_gate)
            {
                return [.. _badBodies];
            }
        }
    }

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

    public int UndeliverableCount
    {
        get
        {
            lock (_gate)
            {
                return _undeliverable.Sum(u => u.Length);
            }
        }
    }

    /// <summary>The body of envelope <paramref name="sequence"/>: its length and bytes follow from the number.</summary>
    public static byte[] BodyFor(int sequence, int length)
    {
        var body = new byte[length];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = (byte)(sequence + i);
        }

        return body;
    }

    /// <summary>Marks done everything received so far and, from now on, each envelope as it arrives.</summary>
    public void MarkDoneFromNowOn()
    {
        lock (_gate)
        {
            _marksDone = true;
            while (_notDone.TryDequeue(out var waiting))
            {
                waiting.Receipt.Done();
                _done.Add(waiting.Sequence);
            }
        }
    }

    public void OnEnvelope(Envelope envelope, IReceipt receipt)
    {
        var sequence = SequenceOf(envelope);
        if (sequence == PauseAt)
        {
            Paused.Set();
            Resume.Wait();
        }

        lock (_gate)
        {
            _received.Add(sequence);
            if (!envelope.Body.Span.SequenceEqual(BodyFor(sequence, envelope.Body.Length)))
            {
                _badBodies.Add($"envelope {sequence}: a body of {envelope.Body.Length} bytes is not the one sent");
            }

            if (_marksDone)
            {
                receipt.Done();
                _done.Add(sequence);
            }
            else
            {
                _notDone.Enqueue((sequence, receipt));
            }
        }
    }

    public void OnUndeliverable(string endpoint, IReadOnlyList<Envelope> envelopes, Exception reason)
    {
        lock (_gate)
        {
            _undeliverable.Add([.. envelopes.Select(SequenceOf)]);
        }
    }

    public void OnConnectionFailed(string remote, bool outbound, string failure)
    {
        // Connection failures are logged only; these tests look at what was delivered or handed back.
    }

    public void OnConnectionOverLimit(string remote, string reason)
    {
        // As above.
    }

    public void OnProtocolViolation(string remote, Exception violation)
    {
        lock (_gate)
        {
            _violations.Add(violation);
        }
    }

    private List<int> Snapshot(List<int> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }
}
