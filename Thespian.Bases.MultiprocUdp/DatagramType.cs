namespace Thespian.Bases.MultiprocUdp;

/// <summary>What a datagram of the UDP transport carries (the fourth byte of its header; see <see cref="DatagramCodec"/>).</summary>
internal enum DatagramType : byte
{
    /// <summary>Sender → receiver: opens a session (the Thespian handshake greeting: magic, version, role).</summary>
    Hello = 1,

    /// <summary>Receiver → sender: the answer to a hello (the handshake status and the receiver's window).</summary>
    Answer = 2,

    /// <summary>Sender → receiver: a numbered datagram of envelopes (whole ones, or a fragment of a large one).</summary>
    Data = 3,

    /// <summary>Receiver → sender: what arrived (cumulative and selective) and how many envelopes are done.</summary>
    Ack = 4,

    /// <summary>Receiver → sender: an acknowledgement after which the receiver takes nothing more.</summary>
    Closing = 5,

    /// <summary>Receiver → sender: the receiver holds no session of that id (it restarted, or cut the session off).</summary>
    Reset = 6,

    /// <summary>Sender → receiver: asks for an acknowledgement (a sender waiting on its window, or checking the receiver lives).</summary>
    Ping = 7,

    /// <summary>
    /// Sent from a connected socket of its own to see whether the receiver's port is still open (the kernel reports "port
    /// unreachable" on a connected socket only); receivers ignore it.
    /// </summary>
    Liveness = 8,

    /// <summary>Sender → receiver: the sender's process is closing its transport; the receiver forgets the session.</summary>
    Bye = 9,

    /// <summary>Sender → receiver: the sender heard the receiver's closing (which the receiver repeats until it does).</summary>
    ClosingSeen = 10,
}

/// <summary>Why a receiver reset a session.</summary>
internal enum ResetReason : byte
{
    /// <summary>The receiver has no session of that id (it restarted, or dropped an idle one).</summary>
    UnknownSession = 1,

    /// <summary>The session broke the protocol (malformed datagram or envelope); the receiver cut it off.</summary>
    ProtocolViolation = 2,
}
