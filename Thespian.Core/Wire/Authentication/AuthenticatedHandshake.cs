namespace Thespian.Wire.Authentication;

/// <summary>
/// The handshake of a system with a secret, after the plain one's greeting (<see cref="Handshake"/>), over any blocking
/// channel:
/// <list type="number">
/// <item>connecting → accepting: the greeting with <see cref="WireProtocol.AuthenticatingFlag"/>, then its nonce (32);</item>
/// <item>accepting → connecting: an answer with <see cref="HandshakeStatus.Challenge"/>, then its nonce (32) — or
/// <see cref="HandshakeStatus.AuthenticationRequired"/> / <see cref="HandshakeStatus.AuthenticationNotExpected"/> when
/// only one side has a secret, and the connection ends;</item>
/// <item>connecting → accepting: its proof (32);</item>
/// <item>accepting → connecting: <see cref="HandshakeStatus.AuthenticationFailed"/> when the proof is wrong (and the
/// connection ends), else its answer (accepted, or the role refused) and its own proof (32), which binds that answer.</item>
/// </list>
/// Proofs are <see cref="ChallengeResponse"/>'s. Nothing a peer sends after its greeting is read unless it proved the secret.
/// </summary>
internal static class AuthenticatedHandshake
{
    /// <summary>The connecting side; returns when the accepting side proved the secret and accepted the role.</summary>
    /// <exception cref="WireProtocolException">Refused, or the accepting side could not prove the secret.</exception>
    public static void Connect(IHandshakeChannel channel, WireRole role, SystemSecret secret)
    {
        Span<byte> greeting = stackalloc byte[WireProtocol.HandshakeLength + ChallengeResponse.NonceLength];
        Handshake.WriteHello(greeting, role, authenticating: true);
        ChallengeResponse.NewNonce(greeting[WireProtocol.HandshakeLength..]);
        channel.Send(greeting);
        var hello = greeting[..WireProtocol.HandshakeLength];
        var connectingNonce = greeting[WireProtocol.HandshakeLength..];

        Span<byte> answer = stackalloc byte[WireProtocol.HandshakeLength + ChallengeResponse.NonceLength];
        channel.Receive(answer[..WireProtocol.HandshakeLength], "the Thespian handshake answer");
        var status = Handshake.ReadReply(answer);
        if (status != HandshakeStatus.Challenge)
        {
            throw Handshake.Refused(status, role);
        }

        channel.Receive(answer[WireProtocol.HandshakeLength..], "the endpoint's challenge");
        var acceptingNonce = answer[WireProtocol.HandshakeLength..];
        Span<byte> proof = stackalloc byte[ChallengeResponse.ProofLength];
        ChallengeResponse.Prove(secret, ProofSide.Connecting, hello, connectingNonce, acceptingNonce, 0, proof);
        channel.Send(proof);

        channel.Receive(answer[..WireProtocol.HandshakeLength], "the endpoint's verdict on this side's proof");
        status = Handshake.ReadReply(answer);
        if (status == HandshakeStatus.AuthenticationFailed)
        {
            throw Handshake.Refused(status, role);
        }

        channel.Receive(proof, "the endpoint's proof");
        if (!ChallengeResponse.Verify(secret, ProofSide.Accepting, hello, connectingNonce, acceptingNonce, (byte)status, proof))
        {
            throw new WireProtocolException(WireViolation.AuthenticationFailed,
                $"The Thespian endpoint did not prove that it knows this system's secret (it has another one, or it is not " +
                $"the system's): {SecretSettings.WhatToSet}.");
        }

        if (status != HandshakeStatus.Accepted)
        {
            throw Handshake.Refused(status, role);
        }
    }

    /// <summary>
    /// The accepting side, after reading the <paramref name="greeting"/>: returns the role once the connecting side proved
    /// the secret and the role is served.
    /// </summary>
    /// <param name="channel">The connection.</param>
    /// <param name="greeting">The greeting as read (<see cref="WireProtocol.HandshakeLength"/> bytes).</param>
    /// <param name="role">The role it asks for.</param>
    /// <param name="authenticating">Whether it carries <see cref="WireProtocol.AuthenticatingFlag"/> (a nonce follows).</param>
    /// <param name="serves">Whether this endpoint serves a role.</param>
    /// <param name="secret">This system's secret, or null.</param>
    /// <exception cref="WireProtocolException">
    /// <see cref="WireViolation.AuthenticationFailed"/> (after answering) when one side has no secret or the proof is wrong;
    /// <see cref="WireViolation.RoleRefused"/> when the role is not served.
    /// </exception>
    public static WireRole Accept(IHandshakeChannel channel, ReadOnlySpan<byte> greeting, WireRole role, bool authenticating,
                                  Func<WireRole, bool> serves, SystemSecret? secret)
    {
        Span<byte> connectingNonce = stackalloc byte[ChallengeResponse.NonceLength];
        if (authenticating)
        {
            // Read even when refusing: the peer sent it with the greeting, and unread bytes would turn the close into a reset.
            channel.Receive(connectingNonce, "the peer's challenge");
        }

        Span<byte> answer = stackalloc byte[WireProtocol.HandshakeLength + ChallengeResponse.ProofLength];
        if (secret is null || !authenticating)
        {
            var refusal = secret is null ? HandshakeStatus.AuthenticationNotExpected : HandshakeStatus.AuthenticationRequired;
            Handshake.WriteReply(answer, refusal);
            channel.Send(answer[..WireProtocol.HandshakeLength]);
            throw new WireProtocolException(WireViolation.AuthenticationFailed, secret is null
                ? $"A peer offered to prove a secret, but this system has none; refused ({SecretSettings.WhatToSet})."
                : $"A peer connected without this system's secret; refused before reading anything it sent ({SecretSettings.WhatToSet}).");
        }

        Span<byte> acceptingNonce = stackalloc byte[ChallengeResponse.NonceLength];
        ChallengeResponse.NewNonce(acceptingNonce);
        Handshake.WriteReply(answer, HandshakeStatus.Challenge);
        acceptingNonce.CopyTo(answer[WireProtocol.HandshakeLength..]);
        channel.Send(answer[..(WireProtocol.HandshakeLength + ChallengeResponse.NonceLength)]);

        Span<byte> proof = stackalloc byte[ChallengeResponse.ProofLength];
        channel.Receive(proof, "the peer's proof");
        if (!ChallengeResponse.Verify(secret, ProofSide.Connecting, greeting, connectingNonce, acceptingNonce, 0, proof))
        {
            Handshake.WriteReply(answer, HandshakeStatus.AuthenticationFailed);
            channel.Send(answer[..WireProtocol.HandshakeLength]);
            throw new WireProtocolException(WireViolation.AuthenticationFailed,
                $"A peer could not prove this system's secret (it has another one); refused before reading anything it sent ({SecretSettings.WhatToSet}).");
        }

        var status = serves(role) ? HandshakeStatus.Accepted : HandshakeStatus.RoleRefused;
        Handshake.WriteReply(answer, status);
        ChallengeResponse.Prove(secret, ProofSide.Accepting, greeting, connectingNonce, acceptingNonce, (byte)status,
                                answer[WireProtocol.HandshakeLength..]);
        channel.Send(answer);
        if (status != HandshakeStatus.Accepted)
        {
            throw new WireProtocolException(WireViolation.RoleRefused, $"This endpoint does not serve the role {role}.");
        }

        return role;
    }
}
