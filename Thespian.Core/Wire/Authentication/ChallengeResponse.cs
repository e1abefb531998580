using System.Security.Cryptography;

namespace Thespian.Wire.Authentication;

/// <summary>Which side of a connection a proof comes from (part of what it proves, so one side's proof never serves as the other's).</summary>
internal enum ProofSide : byte
{
    /// <summary>The side that connected.</summary>
    Connecting = 1,

    /// <summary>The side that accepted.</summary>
    Accepting = 2,
}

/// <summary>
/// The proofs of the mutual challenge–response that opens a connection of a system with a secret (no sockets here, so
/// it is tested and fuzzed alone). Each side sends a fresh random nonce; each proves that it knows the secret with
/// <c>HMAC-SHA256(handshake key, transcript)</c> over a transcript that binds everything said so far: a label, the
/// side, the connecting side's greeting (so its role and version), both nonces, and — for the accepting side's proof —
/// the status it answers. Proofs are compared in constant time.
/// </summary>
internal static class ChallengeResponse
{
    /// <summary>The length of each side's nonce.</summary>
    public const int NonceLength = 32;

    /// <summary>The length of a proof.</summary>
    public const int ProofLength = 32;

    private static ReadOnlySpan<byte> Label => "THSP challenge-response v1"u8;

    /// <summary>Fills <paramref name="nonce"/> with fresh random bytes.</summary>
    public static void NewNonce(Span<byte> nonce) => RandomNumberGenerator.Fill(nonce);

    /// <summary>Computes a side's proof.</summary>
    /// <param name="secret">The system's secret.</param>
    /// <param name="side">Which side proves.</param>
    /// <param name="greeting">The connecting side's greeting, as sent (<see cref="WireProtocol.HandshakeLength"/> bytes).</param>
    /// <param name="connectingNonce">The connecting side's nonce.</param>
    /// <param name="acceptingNonce">The accepting side's nonce.</param>
    /// <param name="status">The status the accepting side answers with its proof (0 in the connecting side's proof).</param>
    /// <param name="proof">Where the <see cref="ProofLength"/> bytes go.</param>
    /// <exception cref="ArgumentException">A part has the wrong length.</exception>
    public static void Prove(SystemSecret secret, ProofSide side, ReadOnlySpan<byte> greeting, ReadOnlySpan<byte> connectingNonce,
                             ReadOnlySpan<byte> acceptingNonce, byte status, Span<byte> proof)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (greeting.Length != WireProtocol.HandshakeLength || connectingNonce.Length != NonceLength ||
            acceptingNonce.Length != NonceLength || proof.Length < ProofLength)
        {
            throw new ArgumentException("A challenge-response proof needs an 8-byte greeting, two 32-byte nonces and room for 32 bytes.");
        }

        Span<byte> transcript = stackalloc byte[Label.Length + 1 + WireProtocol.HandshakeLength + (2 * NonceLength) + 1];
        var at = 0;
        Label.CopyTo(transcript);
        at += Label.Length;
        transcript[at++] = (byte)side;
        greeting.CopyTo(transcript[at..]);
        at += greeting.Length;
        connectingNonce.CopyTo(transcript[at..]);
        at += NonceLength;
        acceptingNonce.CopyTo(transcript[at..]);
        at += NonceLength;
        transcript[at] = status;
        HMACSHA256.HashData(secret.HandshakeKey, transcript, proof);
    }

    /// <summary>Whether <paramref name="proof"/> is the side's proof for this transcript (compared in constant time).</summary>
    public static bool Verify(SystemSecret secret, ProofSide side, ReadOnlySpan<byte> greeting, ReadOnlySpan<byte> connectingNonce,
                              ReadOnlySpan<byte> acceptingNonce, byte status, ReadOnlySpan<byte> proof)
    {
        if (proof.Length != ProofLength || greeting.Length != WireProtocol.HandshakeLength ||
            connectingNonce.Length != NonceLength || acceptingNonce.Length != NonceLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[ProofLength];
        Prove(secret, side, greeting, connectingNonce, acceptingNonce, status, expected);
        return CryptographicOperations.FixedTimeEquals(expected, proof);
    }
}
