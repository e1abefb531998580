using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Tests.Transport.InMemory;

/// <summary>
/// One sender's path to one receiver, the in-memory counterpart of a connection: an ordered, bounded queue of frames
/// (a full one blocks the sender), a delivery thread that hands them to the receiver one by one while the receiver's
/// window has room, and the envelopes handed on and not yet done, which go back to the sender as undeliverable when the
/// link breaks — as on every transport, nothing accepted vanishes.
/// </summary>
internal sealed class InMemoryLink : IReceipt
{
    private readonly InMemoryTransport _sender;
    private readonly InMemoryTransport _receiver;
    private readonly object _gate = new();
    private readonly Queue<(byte[] Frame, Envelope Envelope)> _queued = new();
    private readonly Queue<Envelope> _handedOn = new();
    private bool _broken;

    public InMemoryLink(InMemoryTransport sender, InMemoryTransport receiver)
    {
        _sender = sender;
        _receiver = receiver;
        var thread = new Thread(DeliveryLoop) { IsBackground = true, Name = $"in-memory {sender.LocalEndpoint}->{receiver.LocalEndpoint}" };
        thread.Start();
    }

    /// <summary>The receiving transport.</summary>
    public InMemoryTransport Receiver => _receiver;

    /// <inheritdoc />
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return !_broken;
            }
        }
    }

    /// <inheritdoc />
    public bool FromAdmin => _sender.FromAdmin;

    /// <inheritdoc />
    public bool MayRunHandler => true;

    /// <summary>How many envelopes are queued and not yet handed on.</summary>
    public int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>Queues a frame (waiting while the queue is full); false once the link is broken.</summary>
    public bool TryEnqueue(byte[] frame, Envelope envelope)
    {
        lock (_gate)
        {
            while (!_broken && _queued.Count >= _sender.QueueCapacity)
            {
                Monitor.Wait(_gate);
            }

            if (_broken)
            {
                return false;
            }

            _queued.Enqueue((frame, envelope));
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <inheritdoc />
    public void Done()
    {
        lock (_gate)
        {
            if (_handedOn.Count > 0)
            {
                _handedOn.Dequeue();
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Whether everything queued has been handed on and done.</summary>
    public bool IsDrained
    {
        get
        {
            lock (_gate)
            {
                return _broken || (_queued.Count == 0 && _handedOn.Count == 0);
            }
        }
    }

    /// <summary>Breaks the link: every envelope handed on and not done, then every one queued, goes back to the sender once.</summary>
    public void Break(Exception reason)
    {
        List<Envelope> undelivered;
        lock (_gate)
        {
            if (_broken)
            {
                return;
            }

            _broken = true;
            undelivered = [.. _handedOn, .. _queued.Select(q => q.Envelope)];
            _handedOn.Clear();
            _queued.Clear();
            Monitor.PulseAll(_gate);
        }

        _sender.LinkBroken(this, undelivered, reason);
    }

    private void DeliveryLoop()
    {
        while (TakeNext() is { } frame)
        {
            Envelope envelope;
            try
            {
                if (frame.Length > _receiver.MaxMessageBytes)
                {
                    throw new WireProtocolException(WireViolation.FrameTooLarge,
                        $"A frame of {frame.Length} bytes exceeds the maximum of {_receiver.MaxMessageBytes} bytes.");
                }

                envelope = Envelope.Read(frame, keepBody: true);
            }
            catch (WireProtocolException ex)
            {
                _receiver.Violation(_sender.LocalEndpoint, ex);
                Break(ex);
                return;
            }

            _receiver.Deliver(envelope, this);
        }
    }

    /// <summary>The next frame once the receiver's window has room (moved to the handed-on envelopes); null once broken.</summary>
    private byte[]? TakeNext()
    {
        lock (_gate)
        {
            while (!_broken && (_queued.Count == 0 || _handedOn.Count >= _sender.Window || !_receiver.IsReceiving))
            {
                Monitor.Wait(_gate, 50);
            }

            if (_broken)
            {
                return null;
            }

            var (frame, envelope) = _queued.Dequeue();
            _handedOn.Enqueue(envelope);
            Monitor.PulseAll(_gate);
            return frame;
        }
    }
}
