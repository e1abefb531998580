using System.Buffers;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

internal sealed partial class OutboundSession
{
    /// <summary>Datagrams up to this size are copied out of the full-size packing buffer into one of their size.</summary>
    private const int SmallDatagramBytes = 4096;

    /// <summary>A fragmented envelope starts in a datagram's rest only when at least this much room is left there.</summary>
    private const int MinFragmentBytes = 1024;

    private readonly DatagramWriter _writer = new();
    private bool _fragmenting;
    private byte[] _fragmentHeader = [];
    private ReadOnlyMemory<byte> _fragmentBody;
    private int _fragmentOffset;
    private int _fragmentTotal;
    private long _helloSentAt;
    private int _helloTransmissions;

    /// <summary>
    /// Packs and sends what is queued, as far as the send window and the receiver's limit allow (the rest waits for
    /// acknowledgements, which schedule the session again). Any thread may call it; the session's lock keeps the
    /// datagrams in order.
    /// </summary>
    public void WriteQueued()
    {
        lock (_gate)
        {
            WriteLocked(Now);
        }
    }

    private void WriteLocked(long now)
    {
        if (_state == SessionState.Failed)
        {
            return;
        }

        if (_helloTransmissions == 0)
        {
            _lastHeard = now;
            SendHelloLocked(now);
        }

        var wrote = false;
        while (CanPackLocked())
        {
            if (_window.InFlight == 0 && _undone.Count == 0)
            {
                // Nothing was waiting for the receiver: its silence counts from now.
                _lastHeard = now;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(DatagramBytes);
            var length = PackLocked(buffer);
            if (length <= DatagramCodec.DataHeaderLength)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                break;
            }

            buffer = Shrunk(buffer, length);
            _window.Add(buffer, length, now);
            _transport.SendDatagram(buffer.AsSpan(0, length), Address);
            wrote = true;
        }

        if (wrote)
        {
            WakeProducersLocked();
            _transport.NeedTimer();
        }
    }

    private bool CanPackLocked() =>
        (_fragmenting || (_queue.Count > 0 && _nextOrdinal < _peerLimit)) && _window.HasRoom(DatagramBytes);

    /// <summary>Whether more could be sent once the window has room.</summary>
    private bool HasWorkLocked() => _fragmenting || (_queue.Count > 0 && _nextOrdinal < _peerLimit);

    /// <summary>
    /// Fills one datagram: the rest of an envelope being fragmented, then whole envelopes while they fit; an envelope
    /// larger than a datagram starts fragmenting in the rest of this one (when enough room is left).
    /// </summary>
    private int PackLocked(byte[] buffer)
    {
        var ackSession = _transport.AcknowledgementFor(Address, out var ack);
        var position = DatagramCodec.WriteDataHeader(buffer, Id, _window.NextSequence, ackSession, ack);
        var end = DatagramBytes;
        if (_fragmenting)
        {
            position = WriteFragmentLocked(buffer, position, end);
            if (_fragmenting)
            {
                return position;
            }
        }

        while (_queue.Count > 0 && _nextOrdinal < _peerLimit)
        {
            var envelope = _queue.Peek();
            var length = envelope.EncodedLength;
            var room = end - position;
            if (DatagramCodec.WholeChunkOverhead + length <= room)
            {
                position += DatagramCodec.WriteWholeChunkHeader(buffer.AsSpan(position), length);
                _writer.Reset(buffer, position);
                envelope.WriteTo(_writer);
                position = _writer.Position;
                TakeHeadLocked();
                continue;
            }

            if (DatagramCodec.WholeChunkOverhead + length <= end - DatagramCodec.DataHeaderLength ||
                room < DatagramCodec.FragmentChunkOverhead + MinFragmentBytes)
            {
                // It fits a datagram of its own, or too little room is left to start it here: the next datagram.
                break;
            }

            TakeHeadLocked();
            StartFragmentingLocked(envelope, length);
            position = WriteFragmentLocked(buffer, position, end);
            break;
        }

        return position;
    }

    private void TakeHeadLocked()
    {
        _undone.Enqueue(_queue.Dequeue());
        _nextOrdinal++;
    }

    private void StartFragmentingLocked(in Envelope envelope, int total)
    {
        var header = new byte[total - envelope.Body.Length];
        _writer.Reset(header, 0);
        envelope.WriteHeaderTo(_writer);
        _fragmentHeader = header;
        _fragmentBody = envelope.Body;
        _fragmentOffset = 0;
        _fragmentTotal = total;
        _fragmenting = true;
    }

    /// <summary>Writes the next fragment of the envelope being fragmented, as much as fits before <paramref name="end"/>.</summary>
    private int WriteFragmentLocked(byte[] buffer, int position, int end)
    {
        var count = Math.Min(end - position - DatagramCodec.FragmentChunkOverhead, _fragmentTotal - _fragmentOffset);
        position += DatagramCodec.WriteFragmentChunkHeader(buffer.AsSpan(position), _fragmentTotal, _fragmentOffset, count);
        var destination = buffer.AsSpan(position, count);
        var offset = _fragmentOffset;
        if (offset < _fragmentHeader.Length)
        {
            var fromHeader = Math.Min(_fragmentHeader.Length - offset, count);
            _fragmentHeader.AsSpan(offset, fromHeader).CopyTo(destination);
            destination = destination[fromHeader..];
            offset += fromHeader;
        }

        if (!destination.IsEmpty)
        {
            _fragmentBody.Span.Slice(offset - _fragmentHeader.Length, destination.Length).CopyTo(destination);
        }

        _fragmentOffset += count;
        if (_fragmentOffset == _fragmentTotal)
        {
            ClearFragmentingLocked();
        }

        return position + count;
    }

    private void ClearFragmentingLocked()
    {
        _fragmenting = false;
        _fragmentHeader = [];
        _fragmentBody = default;
        _fragmentOffset = 0;
        _fragmentTotal = 0;
    }

    private void SendHelloLocked(long now)
    {
        Span<byte> hello = stackalloc byte[DatagramCodec.HelloLength];
        DatagramCodec.WriteHello(hello, Id, _transport.Options.Role);
        _helloSentAt = now;
        _helloTransmissions++;
        _transport.SendDatagram(hello, Address);
        _transport.NeedTimer();
    }

    /// <summary>A small datagram moves out of the full-size buffer, so the window does not hold 60 KiB for 100 bytes.</summary>
    private static byte[] Shrunk(byte[] buffer, int length)
    {
        if (length > SmallDatagramBytes)
        {
            return buffer;
        }

        var small = ArrayPool<byte>.Shared.Rent(length);
        buffer.AsSpan(0, length).CopyTo(small);
        ArrayPool<byte>.Shared.Return(buffer);
        return small;
    }
}
