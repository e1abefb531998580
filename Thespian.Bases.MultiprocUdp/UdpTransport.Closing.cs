using System.Diagnostics;

namespace Thespian.Bases.MultiprocUdp;

internal sealed partial class UdpTransport
{
    /// <summary>How long closing the receiving side waits for its senders to say they heard it.</summary>
    private static readonly TimeSpan ClosingConfirmationLimit = TimeSpan.FromMilliseconds(300);

    /// <summary>How long disposing (without closing first) waits for that.</summary>
    private static readonly TimeSpan DisposingConfirmationLimit = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the closing is sent again to senders that have not said they heard it.</summary>
    private static readonly TimeSpan ClosingRepeat = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Tells every sender that this process takes nothing more, with how many of its envelopes were done — so it hands
    /// back at once what was not, and forgets what was (a lost closing would leave done envelopes with the sender, to be
    /// dead-lettered when it finds this process gone). The closing goes again until the sender says it heard it, for at
    /// most <paramref name="limit"/>, and only to senders heard from within the peer timeout (one that has gone
    /// silent may be gone). The receipts close first: the count the closing carries is final, so nothing the sender
    /// hands back is done here as well.
    /// </summary>
    private async Task CloseSessionsAsync(TimeSpan limit)
    {
        foreach (var session in _inbound.Values)
        {
            session.Receipt.Close();
        }

        var waited = Stopwatch.StartNew();
        var recent = (long)(PeerTimeout.TotalSeconds * Stopwatch.Frequency);
        var datagram = new byte[DatagramCodec.MaxAckLength];
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            var pending = 0;
            foreach (var session in _inbound.Values)
            {
                if (session.Dropped || session.ClosingConfirmed)
                {
                    continue;
                }

                var length = DatagramCodec.WriteAck(datagram, DatagramType.Closing, session.Id, session.AckNow(closing: true), []);
                SendDatagram(datagram.AsSpan(0, length), session.Address);
                if (now - session.LastHeard <= recent)
                {
                    pending++;
                }
            }

            if (pending == 0 || waited.Elapsed >= limit || !_started)
            {
                break;
            }

            await Task.Delay(ClosingRepeat).ConfigureAwait(false);
        }
    }
}
