using Thespian.Wire;
using Thespian.Wire.Authentication;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// The handshake of a system with a secret (<see cref="AuthenticatedHandshake"/>), each side fed what its peer would
/// send: the accepting side reads the connecting side's nonce and proof, the connecting side reads the accepting side's
/// challenge, verdict and proof. A wrong proof must be a refusal (<see cref="WireProtocolException"/>), never anything else.
/// </summary>
internal static class AuthenticatedHandshakeReaders
{
    private static readonly SystemSecret Secret = SystemSecret.FromText("fuzzing secret");

    /// <summary>The accepting side after an authenticating greeting: the input is the peer's nonce, then its proof.</summary>
    public static HandshakeReader Accept { get; } = new("auth-accept", [new byte[ChallengeResponse.NonceLength + ChallengeResponse.ProofLength]], bytes =>
    {
        Span<byte> greeting = stackalloc byte[WireProtocol.HandshakeLength];
        Handshake.WriteHello(greeting, WireRole.Peer, authenticating: true);
        AuthenticatedHandshake.Accept(new BufferChannel(bytes), greeting, WireRole.Peer, authenticating: true, _ => true, Secret);
    });

    /// <summary>The connecting side: the input is the challenge (answer and nonce), the verdict and the endpoint's proof.</summary>
    public static HandshakeReader Connect { get; } = new("auth-connect", [ConnectSeed(HandshakeStatus.Accepted), ConnectSeed(HandshakeStatus.RoleRefused)],
        bytes => AuthenticatedHandshake.Connect(new BufferChannel(bytes), WireRole.Peer, Secret));

    private static byte[] ConnectSeed(HandshakeStatus verdict)
    {
        var seed = new byte[2 * WireProtocol.HandshakeLength + ChallengeResponse.NonceLength + ChallengeResponse.ProofLength];
        Handshake.WriteReply(seed, HandshakeStatus.Challenge);
        Handshake.WriteReply(seed.AsSpan(WireProtocol.HandshakeLength + ChallengeResponse.NonceLength), verdict);
        return seed;
    }

    /// <summary>A channel that reads the input (a short read is the refusal a closed connection is) and discards what is sent.</summary>
    private sealed class BufferChannel(byte[] input) : IHandshakeChannel
    {
        private int _position;

        public void Send(ReadOnlySpan<byte> bytes)
        {
        }

        public void Receive(Span<byte> buffer, string what)
        {
            if (input.Length - _position < buffer.Length)
            {
                throw new WireProtocolException(WireViolation.Truncated, $"The connection closed before {what}.");
            }

            input.AsSpan(_position, buffer.Length).CopyTo(buffer);
            _position += buffer.Length;
        }
    }
}
