using System.Diagnostics;
using System.Globalization;
using System.Net;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>What became of a data datagram taken in order.</summary>
internal enum ProcessResult
{
    /// <summary>Its envelopes were handed on (or went into the envelope being put together).</summary>
    Processed,

    /// <summary>No room (the receiver's window, or reassembly memory): it is dropped unacknowledged, and sent again later.</summary>
    Refused,

    /// <summary>It broke the protocol: the session was cut off.</summary>
    Violated,
}

internal sealed partial class UdpTransport
{
    /// <summary>
    /// Hands on the envelopes of a datagram that came in order. A first pass checks every chunk (and where the
    /// reassembly would stand after each) before anything is handed on, so a malformed datagram delivers nothing, and
    /// reserves the memory of an envelope that starts fragmenting here; a datagram that would pass the window granted to
    /// the sender, or finds no memory, waits (unacknowledged) for its sender to send it again.
    /// </summary>
    private ProcessResult Process(InboundSession inbound, ReadOnlyMemory<byte> datagram)
    {
        var span = datagram.Span;
        var maxMessageBytes = MaxMessageBytes;
        var cursor = inbound.Reassembly.Cursor;
        var position = DatagramCodec.DataHeaderLength;
        var envelopes = 0;
        var starting = 0;
        try
        {
            while (DatagramCodec.TryReadChunk(span, ref position, out var chunk))
            {
                cursor = Reassembly.Follow(cursor, chunk, maxMessageBytes, out var starts);
                if (starts)
                {
                    starting = chunk.Total;
                }

                if (chunk.EndsEnvelope)
                {
                    envelopes++;
                }
            }
        }
        catch (WireProtocolException ex)
        {
            CutOff(inbound, ex);
            return ProcessResult.Violated;
        }

        if (inbound.Delivered + envelopes > inbound.Receipt.HandledCount + inbound.Receipt.Window)
        {
            return ProcessResult.Refused;
        }

        if (starting > 0 && !inbound.Reassembly.TryReserve(starting))
        {
            ReportNoRoomToReassemble(inbound, starting);
            return ProcessResult.Refused;
        }

        inbound.PublishNext();
        try
        {
            position = DatagramCodec.DataHeaderLength;
            while (DatagramCodec.TryReadChunk(span, ref position, out var chunk))
            {
                Envelope envelope;
                if (chunk.Kind == ChunkKind.Whole || (chunk.Offset == 0 && chunk.Length == chunk.Total))
                {
                    envelope = Envelope.Read(datagram.Slice(chunk.Start, chunk.Length), keepBody: false);
                }
                else if (inbound.Reassembly.Append(chunk, span.Slice(chunk.Start, chunk.Length)) is { } whole)
                {
                    envelope = Envelope.Read(whole, keepBody: true);
                }
                else
                {
                    continue;
                }

                inbound.CountDelivered();
                Sink.OnEnvelope(envelope, inbound.Receipt);
            }
        }
        catch (Exception ex)
        {
            // A malformed envelope, or a fault while handing one on: this session is cut off, nothing else.
            CutOff(inbound, ex);
            return ProcessResult.Violated;
        }

        return ProcessResult.Processed;
    }

    /// <summary>A fragmented envelope found no room in the reassembly memory all peers share (reported a few per interval).</summary>
    private void ReportNoRoomToReassemble(InboundSession inbound, int total) =>
        Report(inbound.RemoteText, new WireProtocolException(WireViolation.FrameTooLarge, string.Create(CultureInfo.InvariantCulture,
            $"A fragmented envelope of {total} bytes found no room in the reassembly memory ({ReassemblyBytesInUse} of {_reassemblyBudget.Limit} bytes are held by envelopes being put together); its datagram is dropped unacknowledged, for its sender to send again later")));

    /// <summary>
    /// An acknowledgement of <paramref name="inbound"/> is due: sent once the socket has been quiet for a moment (a
    /// data datagram to the peer may carry it first), at once when the session is busy.
    /// </summary>
    private void MarkAcknowledgementDue(InboundSession inbound)
    {
        AcknowledgeBeforeWaiting(inbound);
        if (inbound.Unacknowledged >= AcknowledgeEvery)
        {
            SendAcknowledgement(inbound);
        }
    }

    /// <summary>Receiving thread: an acknowledgement of <paramref name="inbound"/> is due before the thread waits for long.</summary>
    internal void AcknowledgeBeforeWaiting(InboundSession inbound)
    {
        if (!inbound.AcknowledgementDue)
        {
            if (_acknowledgementsDue.Count == 0)
            {
                _acknowledgementsDueSince = Stopwatch.GetTimestamp();
            }

            inbound.AcknowledgementDue = true;
            _acknowledgementsDue.Add(inbound);
        }
    }

    /// <summary>Sends the acknowledgements due that say something new (or were asked for).</summary>
    private void FlushAcknowledgements()
    {
        foreach (var inbound in _acknowledgementsDue)
        {
            if (inbound.AcknowledgementDue && (inbound.AcknowledgementForced || inbound.HasNews))
            {
                SendAcknowledgement(inbound);
            }

            inbound.AcknowledgementDue = false;
        }

        _acknowledgementsDue.Clear();
    }

    /// <summary>
    /// Any thread packing a data datagram for <paramref name="peer"/>: the acknowledgement of the session the peer has
    /// towards this process, to ride along (its session id; 0 when there is none).
    /// </summary>
    internal ulong AcknowledgementFor(SocketAddress peer, out AckInfo ack)
    {
        if (_closedReceiving || !_inbound.TryGetValue(peer, out var inbound) || inbound.Dropped)
        {
            ack = default;
            return 0;
        }

        ack = inbound.AckNow();
        inbound.Acknowledged(ack);
        return inbound.Id;
    }

    /// <summary>Receiving thread: acknowledges a session now, with the ranges that arrived beyond a gap.</summary>
    private void SendAcknowledgement(InboundSession inbound)
    {
        inbound.AcknowledgementDue = false;
        inbound.AcknowledgementForced = false;
        if (inbound.Dropped)
        {
            return;
        }

        inbound.Publish();
        Span<SackRange> ranges = stackalloc SackRange[DatagramCodec.MaxSackRanges];
        var count = inbound.Window.CopySackRanges(ranges);
        var ack = inbound.AckNow();
        Span<byte> datagram = stackalloc byte[DatagramCodec.MaxAckLength];
        SendDatagram(datagram[..DatagramCodec.WriteAck(datagram, DatagramType.Ack, inbound.Id, ack, ranges[..count])], inbound.Address);
        inbound.Acknowledged(ack);
    }

    /// <summary>
    /// Acknowledges a session now, from any thread (envelopes were marked done): on the receiving thread with its
    /// ranges, elsewhere with what that thread may read (the cumulative point as last published, the done count).
    /// </summary>
    internal void AcknowledgeNow(InboundSession inbound)
    {
        if (IsReceivingThread)
        {
            SendAcknowledgement(inbound);
            return;
        }

        if (inbound.Dropped || _closedReceiving)
        {
            return;
        }

        var ack = inbound.AckNow();
        Span<byte> datagram = stackalloc byte[DatagramCodec.MaxAckLength];
        SendDatagram(datagram[..DatagramCodec.WriteAck(datagram, DatagramType.Ack, inbound.Id, ack, [])], inbound.Address);
        inbound.Acknowledged(ack);
    }
}
