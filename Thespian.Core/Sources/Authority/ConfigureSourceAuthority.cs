namespace Thespian;

/// <summary>
/// Configures a <see cref="SignedSourceAuthority"/> and makes it the system's source authority; it answers the
/// sender with <see cref="SourceAuthorityReady"/>, or <see cref="SourceAuthorityRefused"/> when the keys cannot be
/// used (a refused configuration changes nothing). Send it again to change the keys (key rotation). A message,
/// not constructor arguments, so it works on every base, where the authority may run in a process of its own.
/// </summary>
/// <param name="PublicKeyPem">
/// The PEM text of one or more public keys (ECDsa P-256 or RSA, "PUBLIC KEY" blocks, as in <c>public.pem</c> of
/// <c>thespian-admin keygen</c>): packages signed by any of them are accepted. Never a private key.
/// </param>
/// <param name="DecryptionKeyBase64">The AES key (16, 24 or 32 bytes, base64) that decrypts encrypted packages, or null.</param>
public sealed record ConfigureSourceAuthority(string PublicKeyPem, string? DecryptionKeyBase64 = null);
