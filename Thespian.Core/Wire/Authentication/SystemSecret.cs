using System.Security.Cryptography;
using System.Text;

namespace Thespian.Wire.Authentication;

/// <summary>
/// A system's shared secret, as the keys derived from it: one for the connection handshake (<see cref="ChallengeResponse"/>)
/// and one for the UDP transport's datagram tags, so a value seen in one use is worth nothing in the other. The
/// secret itself is kept only to hand it to this system's child processes (<see cref="SecretSettings"/>); nothing here
/// ever formats it: <see cref="ToString"/> says only that a secret is set.
/// </summary>
internal sealed class SystemSecret
{
    private readonly byte[] _secret;

    /// <summary>Derives the keys from the secret's bytes.</summary>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    public SystemSecret(ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("A Thespian secret cannot be empty.", nameof(secret));
        }

        _secret = secret.ToArray();
        HandshakeKey = Derive(secret, "Thespian handshake key v1");
        DatagramKey = Derive(secret, "Thespian datagram key v1");
    }

    /// <summary>The key of the connection handshake's proofs.</summary>
    public byte[] HandshakeKey { get; }

    /// <summary>The key of the UDP datagram tags.</summary>
    public byte[] DatagramKey { get; }

    /// <summary>The secret from text (its UTF-8 bytes).</summary>
    public static SystemSecret FromText(string secret) => new(Encoding.UTF8.GetBytes(secret));

    /// <summary>The secret's bytes, for a child process of this system only (base64; see <see cref="SecretSettings"/>).</summary>
    internal string ToInheritable() => Convert.ToBase64String(_secret);

    /// <summary>Never the secret.</summary>
    public override string ToString() => "(a Thespian secret)";

    private static byte[] Derive(ReadOnlySpan<byte> secret, string purpose) =>
        HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(purpose));
}
