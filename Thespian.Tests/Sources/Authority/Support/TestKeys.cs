using System.Security.Cryptography;

namespace Thespian.Tests.Sources.Authority.Support;

/// <summary>A signing key pair as PEM text (what 'thespian-admin keygen' writes), and an AES key.</summary>
public sealed record TestKeyPair(string Algorithm, string PrivatePem, string PublicPem)
{
    public override string ToString() => Algorithm;
}

/// <summary>Keys for the authority tests: made once per test run (RSA generation is slow), plus one fixed pair.</summary>
public static class TestKeys
{
    private static readonly Lazy<TestKeyPair> LazyEcdsa = new(() => Make("ecdsa", ECDsa.Create(ECCurve.NamedCurves.nistP256)));
    private static readonly Lazy<TestKeyPair> LazyOtherEcdsa = new(() => Make("ecdsa", ECDsa.Create(ECCurve.NamedCurves.nistP256)));
    private static readonly Lazy<TestKeyPair> LazyRsa = new(() => Make("rsa", RSA.Create(2048)));

    /// <summary>An ECDsa P-256 pair.</summary>
    public static TestKeyPair Ecdsa => LazyEcdsa.Value;

    /// <summary>Another ECDsa P-256 pair (a key nobody trusts, or the next key of a rotation).</summary>
    public static TestKeyPair OtherEcdsa => LazyOtherEcdsa.Value;

    /// <summary>An RSA 2048 pair.</summary>
    public static TestKeyPair Rsa => LazyRsa.Value;

    /// <summary>A fixed ECDsa P-256 pair, the same in every process (for an authority that carries its key in code).</summary>
    public static TestKeyPair Fixed { get; } = new("ecdsa", """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg3x6Qe8MKoELiq96z
        e6li0TUM1DJE2bdiAKoF8L4PX6WhRANCAAQ7PybU5fwnS2P/6D9y1ub+wZhbGqO4
        lU9O/K9v/6fc7WrGaNDNoOtozkLXtNlyuCOfZVFS9CbBnemnNii2PbH1
        -----END PRIVATE KEY-----
        """, FixedPublicPem);

    /// <summary>The public half of <see cref="Fixed"/>.</summary>
    public const string FixedPublicPem = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEOz8m1OX8J0tj/+g/ctbm/sGYWxqj
        uJVPTvyvb/+n3O1qxmjQzaDraM5C17TZcrgjn2VRUvQmwZ3ppzYotj2x9Q==
        -----END PUBLIC KEY-----
        """;

    /// <summary>The pairs a round trip is tried with.</summary>
    public static IEnumerable<TestKeyPair> SigningPairs => [Ecdsa, Rsa];

    /// <summary>A fresh AES-256 key.</summary>
    public static byte[] Aes() => RandomNumberGenerator.GetBytes(32);

    private static TestKeyPair Make(string algorithm, AsymmetricAlgorithm key)
    {
        using (key)
        {
            return new TestKeyPair(algorithm, key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
        }
    }
}
