using System.Buffers.Binary;

namespace Thespian.Wire;

/// <summary>
/// The opening exchange of every connection: the connecting side sends
/// <c>"THSP" | version (uint16 LE) | role (byte) | flags (byte)</c>; the accepting side checks it and answers
/// <c>"THSP" | version | status (byte) | 0</c>. Anything else on the port is refused at once. The flags are 0 unless the
/// connecting side has a secret (<see cref="WireProtocol.AuthenticatingFlag"/>): then the challenge–response of
/// <see cref="Authentication.AuthenticatedHandshake"/> follows the greeting.
/// </summary>
internal static class Handshake
{
    /// <summary>Writes the connecting side's greeting (<paramref name="authenticating"/>: it will prove the system's secret).</summary>
    public static void WriteHello(Span<byte> destination, WireRole role, bool authenticating = false)
    {
        Write(destination, (byte)role);
        destination[7] = authenticating ? WireProtocol.AuthenticatingFlag : (byte)0;
    }

    /// <summary>Writes the accepting side's answer.</summary>
    public static void WriteReply(Span<byte> destination, HandshakeStatus status) =>
        Write(destination, (byte)status);

    /// <summary>Reads a greeting: the role asked for, or a violation.</summary>
    public static WireRole ReadHello(ReadOnlySpan<byte> source) => ReadHello(source, out _);

    /// <summary>Reads a greeting: the role asked for and whether the connecting side will prove a secret, or a violation.</summary>
    public static WireRole ReadHello(ReadOnlySpan<byte> source, out bool authenticating)
    {
        authenticating = false;
        var code = Read(source, "greeting");
        if (!Enum.IsDefined((WireRole)code))
        {
            throw new WireProtocolException(WireViolation.BadHandshake, $"The Thespian greeting names an unknown role {code}.");
        }

        authenticating = (source[7] & WireProtocol.AuthenticatingFlag) != 0;
        return (WireRole)code;
    }

    /// <summary>Reads an answer: the status, or a violation.</summary>
    public static HandshakeStatus ReadReply(ReadOnlySpan<byte> source) => (HandshakeStatus)Read(source, "answer");

    /// <summary>Sends a greeting and reads the answer; throws unless accepted.</summary>
    public static async ValueTask ConnectAsync(Stream stream, WireRole role, TimeSpan deadline,
                                               CancellationToken cancellationToken = default)
    {
        var buffer = new byte[WireProtocol.HandshakeLength];
        WriteHello(buffer, role);
        await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await ReadExactlyAsync(stream, buffer, deadline, "the Thespian handshake answer", cancellationToken).ConfigureAwait(false);
        var status = ReadReply(buffer);
        if (status != HandshakeStatus.Accepted)
        {
            throw Refused(status, role);
        }
    }

    /// <summary>Reads a greeting and answers it; returns the role, or throws (after answering) when refused.</summary>
    public static async ValueTask<WireRole> AcceptAsync(Stream stream, TimeSpan deadline, Func<WireRole, bool> serves,
                                                        CancellationToken cancellationToken = default)
    {
        var buffer = new byte[WireProtocol.HandshakeLength];
        await ReadExactlyAsync(stream, buffer, deadline, "a Thespian handshake", cancellationToken).ConfigureAwait(false);
        WireRole role;
        try
        {
            role = ReadHello(buffer);
        }
        catch (WireProtocolException ex) when (ex.Violation == WireViolation.VersionMismatch)
        {
            WriteReply(buffer, HandshakeStatus.VersionMismatch);
            await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }

        var status = serves(role) ? HandshakeStatus.Accepted : HandshakeStatus.RoleRefused;
        WriteReply(buffer, status);
        await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (status != HandshakeStatus.Accepted)
        {
            throw new WireProtocolException(WireViolation.RoleRefused, $"This endpoint does not serve the role {role}.");
        }

        return role;
    }

    /// <summary>The exception for a handshake the accepting side refused.</summary>
    internal static WireProtocolException Refused(HandshakeStatus status, WireRole role) => status switch
    {
        HandshakeStatus.VersionMismatch => new WireProtocolException(WireViolation.VersionMismatch,
            "The Thespian endpoint speaks another wire protocol version. Run the same Thespian version on both sides."),
        HandshakeStatus.RoleRefused => new WireProtocolException(WireViolation.RoleRefused,
            $"The Thespian endpoint does not serve the role {role}."),
        HandshakeStatus.AuthenticationRequired => new WireProtocolException(WireViolation.AuthenticationFailed,
            $"The Thespian endpoint belongs to a system with a secret, and this process has none: {Authentication.SecretSettings.WhatToSet}."),
        HandshakeStatus.AuthenticationNotExpected => new WireProtocolException(WireViolation.AuthenticationFailed,
            $"This process has a secret, but the Thespian endpoint's system has none: {Authentication.SecretSettings.WhatToSet}."),
        HandshakeStatus.AuthenticationFailed => new WireProtocolException(WireViolation.AuthenticationFailed,
            $"The Thespian endpoint's system has another secret than this process: {Authentication.SecretSettings.WhatToSet}."),
        HandshakeStatus.TlsRequired => new WireProtocolException(WireViolation.AuthenticationFailed,
            $"The Thespian endpoint's system runs TLS, and this process has none: {Tls.TlsSettings.WhatToSet}."),
        _ => new WireProtocolException(WireViolation.BadHandshake, $"The Thespian endpoint refused the connection ({status})."),
    };

    private static void Write(Span<byte> destination, byte code)
    {
        WireProtocol.Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], WireProtocol.Version);
        destination[6] = code;
        destination[7] = 0;
    }

    private static byte Read(ReadOnlySpan<byte> source, string what)
    {
        if (source.Length < WireProtocol.HandshakeLength || !source[..4].SequenceEqual(WireProtocol.Magic))
        {
            if (Tls.TlsSettings.StartsTlsHandshake(source))
            {
                throw new WireProtocolException(WireViolation.AuthenticationFailed,
                    $"A peer began a TLS handshake, but this system has no TLS; refused ({Tls.TlsSettings.WhatToSet}).");
            }

            throw new WireProtocolException(WireViolation.BadHandshake,
                $"The peer's {what} is not a Thespian handshake (wrong magic bytes): something else is talking on this port.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]);
        if (version != WireProtocol.Version)
        {
            throw new WireProtocolException(WireViolation.VersionMismatch,
                $"The peer speaks Thespian wire protocol version {version}; this build speaks {WireProtocol.Version}. Run the same Thespian version on both sides.");
        }

        return source[6];
    }

    private static async ValueTask ReadExactlyAsync(Stream stream, byte[] buffer, TimeSpan deadline, string what,
                                                    CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            await stream.ReadExactlyAsync(buffer, timeout.Token).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new WireProtocolException(WireViolation.BadHandshake,
                $"The connection closed before {what} arrived: the peer is not a Thespian endpoint.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WireProtocolException(WireViolation.DeadlineExceeded,
                $"{char.ToUpperInvariant(what[0])}{what[1..]} did not arrive within {deadline.TotalSeconds:0.#} s: the peer is not a Thespian endpoint, or is stuck.");
        }
    }
}
