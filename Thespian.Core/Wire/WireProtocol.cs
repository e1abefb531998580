namespace Thespian.Wire;

/// <summary>
/// The constants of Thespian's wire: every connection opens with a handshake (magic, protocol version,
/// role), then carries frames of <c>[int32 little-endian length][payload]</c>.
/// </summary>
internal static class WireProtocol
{
    /// <summary>The protocol version this build speaks.</summary>
    public const ushort Version = 1;

    /// <summary>The size of a handshake in either direction.</summary>
    public const int HandshakeLength = 8;

    /// <summary>
    /// The greeting's last byte when the connecting side has a secret and will prove it (0 otherwise): the accepting side
    /// then reads the connecting side's nonce and runs the challenge–response (<see cref="Authentication.ChallengeResponse"/>).
    /// </summary>
    public const byte AuthenticatingFlag = 1;

    /// <summary>The size of a frame's length prefix.</summary>
    public const int FrameHeaderLength = 4;

    /// <summary>The default largest frame ("Max Message Size" capability): 64 MiB.</summary>
    public const int DefaultMaxFrameBytes = 64 * 1024 * 1024;

    /// <summary>The capability that sets the largest frame, in bytes.</summary>
    public const string MaxMessageSizeCapability = "Max Message Size";

    /// <summary>How long a started frame (or a handshake) may take to arrive in full, by default.</summary>
    public static readonly TimeSpan DefaultFrameDeadline = TimeSpan.FromSeconds(30);

    /// <summary>The largest frame a system's capabilities allow ("Max Message Size", default 64 MiB).</summary>
    public static int MaxFrameBytesFrom(IReadOnlyDictionary<string, object?>? capabilities) =>
        capabilities is not null && capabilities.TryGetValue(MaxMessageSizeCapability, out var value)
            ? value switch
            {
                int bytes when bytes > 0 => bytes,
                long bytes when bytes is > 0 and <= int.MaxValue => (int)bytes,
                _ => DefaultMaxFrameBytes,
            }
            : DefaultMaxFrameBytes;

    /// <summary>The one check every transport's <c>Send</c> makes before it accepts a message.</summary>
    /// <exception cref="ActorSystemException">The message is larger than the limit (nothing is sent).</exception>
    public static void RefuseOversized(int messageBytes, int limitBytes)
    {
        if (messageBytes > limitBytes)
        {
            throw new ActorSystemException(
                $"A message of {messageBytes} bytes exceeds the maximum of {limitBytes} bytes; raise the capability " +
                $"\"{MaxMessageSizeCapability}\" if messages this large are intended. Nothing was sent.");
        }
    }

    /// <summary>"THSP": the first four bytes of every Thespian connection.</summary>
    public static ReadOnlySpan<byte> Magic => "THSP"u8;
}

/// <summary>Who opened a connection (the accepting side may refuse roles it does not serve).</summary>
internal enum WireRole : byte
{
    /// <summary>An application's ActorSystem object talking to the admin.</summary>
    Client = 1,

    /// <summary>An actor host process talking to its admin.</summary>
    Host = 2,

    /// <summary>Any endpoint sending actor messages to another endpoint.</summary>
    Peer = 3,

    /// <summary>Another admin (conventions).</summary>
    Admin = 4,

    /// <summary>
    /// A probe asking whether an admin listens here: only an admin accepts it, so an actor's or an application's
    /// endpoint that happens to hold the port is never taken for one.
    /// </summary>
    AdminProbe = 5,

    /// <summary>
    /// An "Outbound Only" admin opening a connection for another admin to send to it (over TCP): after the handshake
    /// the connecting side names its endpoint (a 2-byte little-endian length and UTF-8 text), the accepting side
    /// answers one byte once it has taken the connection, and from then on the accepting side sends frames on it and
    /// the connecting side acknowledges them — the roles of an ordinary connection, swapped. Only an admin accepts it.
    /// </summary>
    ReturnPath = 6,
}

/// <summary>The accepting side's answer to a handshake.</summary>
internal enum HandshakeStatus : byte
{
    /// <summary>Accepted: frames may follow.</summary>
    Accepted = 0,

    /// <summary>The protocol versions differ.</summary>
    VersionMismatch = 1,

    /// <summary>This endpoint does not serve the role asked for.</summary>
    RoleRefused = 2,

    /// <summary>The system has a secret: the accepting side's nonce follows, and the connecting side's proof is awaited.</summary>
    Challenge = 3,

    /// <summary>The system has a secret and the connecting side offered none.</summary>
    AuthenticationRequired = 4,

    /// <summary>The connecting side offered to prove a secret, but the accepting side has none.</summary>
    AuthenticationNotExpected = 5,

    /// <summary>The connecting side's proof was wrong: it has another secret.</summary>
    AuthenticationFailed = 6,

    /// <summary>The system runs TLS on every connection, and the connecting side began without it.</summary>
    TlsRequired = 7,
}
