namespace Thespian.Wire;

/// <summary>Why a connection broke the wire protocol.</summary>
internal enum WireViolation
{
    /// <summary>The first bytes were not a Thespian handshake.</summary>
    BadHandshake,

    /// <summary>The peer speaks another protocol version.</summary>
    VersionMismatch,

    /// <summary>The accepting endpoint does not serve the role the connecting side asked for.</summary>
    RoleRefused,

    /// <summary>A frame's length is negative or above the maximum frame size.</summary>
    FrameTooLarge,

    /// <summary>The connection ended in the middle of a frame.</summary>
    Truncated,

    /// <summary>A started frame did not arrive in full within the read deadline.</summary>
    DeadlineExceeded,

    /// <summary>A side could not prove the system's secret (or proved one where none was expected); nothing it sent was read.</summary>
    AuthenticationFailed,
}

/// <summary>
/// A connection broke the wire protocol; the reader closes that connection and nothing else is harmed.
/// The message says what was wrong and which setting to change where one applies.
/// </summary>
internal sealed class WireProtocolException : IOException
{
    public WireProtocolException(WireViolation violation, string message)
        : base(message)
    {
        Violation = violation;
    }

    /// <summary>What was wrong.</summary>
    public WireViolation Violation { get; }
}
