namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// What a receiver tells a sender in an acknowledgement: every datagram up to <see cref="Cumulative"/> arrived, the first
/// <see cref="Done"/> envelopes of the session are done (the sender may forget them), and envelopes with an ordinal below
/// <see cref="Limit"/> may be sent (the flow-control window). Datagrams that arrived beyond a gap travel beside it as
/// <see cref="SackRange"/>s.
/// </summary>
/// <param name="Cumulative">The highest datagram sequence number up to which every datagram arrived (0: none yet).</param>
/// <param name="Done">How many of the session's envelopes the receiver has marked done, counted from its start.</param>
/// <param name="Limit">The ordinal below which the sender may send envelopes (done plus the receiver's window).</param>
internal readonly record struct AckInfo(ulong Cumulative, ulong Done, ulong Limit);

/// <summary>Datagrams <see cref="First"/> to <see cref="Last"/> (inclusive) arrived beyond the cumulative acknowledgement.</summary>
/// <param name="First">The first sequence number of the range.</param>
/// <param name="Last">The last sequence number of the range.</param>
internal readonly record struct SackRange(ulong First, ulong Last);
