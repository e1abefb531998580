using System.Security.Cryptography;
using System.Text;
using Thespian.Tests.Sources.Authority.Support;
using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources.Authority;

/// <summary>Signed source packages without a system: round trips, and every way a package can be wrong.</summary>
public sealed class SignedSourcePackageTests
{
    private static readonly byte[] Source = TestSources.Greeter("v1");

    private static IEnumerable<TestKeyPair> Pairs => TestKeys.SigningPairs;

    [TestCaseSource(nameof(Pairs))]
    public void CreateThenOpen_Signed_ReturnsTheSourceZipUnchanged(TestKeyPair keys)
    {
        var package = SignedSourcePackage.Create(Source, keys.PrivatePem);

        Assert.That(SignedSourcePackage.Open(package, keys.PublicPem), Is.EqualTo(Source));
    }

    [TestCaseSource(nameof(Pairs))]
    public void CreateThenOpen_SignedAndEncrypted_ReturnsTheDecryptedSourceZip(TestKeyPair keys)
    {
        var aes = TestKeys.Aes();

        var package = SignedSourcePackage.Create(Source, keys.PrivatePem, aes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SignedSourcePackage.Open(package, keys.PublicPem, aes), Is.EqualTo(Source));
            Assert.That(Contains(PackageEditor.Entries(package)[PackageEditor.Payload], Source[..64]), Is.False,
                        "the payload is ciphertext");
        }
    }

    [Test]
    public void CreateThenOpen_WithKeyObjects_RoundTrips()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var package = SignedSourcePackage.Create(Source, key);

        Assert.That(SignedSourcePackage.Open(package, key), Is.EqualTo(Source));
    }

    [TestCaseSource(nameof(Pairs))]
    public void Manifest_NamesTheAlgorithmTheKeyIdAndTheEncryption(TestKeyPair keys)
    {
        var package = SignedSourcePackage.Create(Source, keys.PrivatePem, TestKeys.Aes(), keyId: "release-7");

        var manifest = Encoding.UTF8.GetString(PackageEditor.Entries(package)[PackageEditor.Manifest]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(manifest, Does.Contain("\"formatVersion\": 1"));
            Assert.That(manifest, Does.Contain(keys.Algorithm == "rsa" ? SignedSourcePackage.RsaPssSha256 : SignedSourcePackage.EcdsaP256Sha256));
            Assert.That(manifest, Does.Contain("\"keyId\": \"release-7\""));
            Assert.That(manifest, Does.Contain("\"encrypted\": true").And.Contain("\"nonce\"").And.Contain("\"tag\""));
        }
    }

    [Test]
    public void Open_SeveralTrustedKeys_AcceptsAPackageSignedByAnyOfThem()
    {
        var trusted = TestKeys.Ecdsa.PublicPem + TestKeys.Rsa.PublicPem;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SignedSourcePackage.Open(SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PrivatePem), trusted), Is.EqualTo(Source));
            Assert.That(SignedSourcePackage.Open(SignedSourcePackage.Create(Source, TestKeys.Rsa.PrivatePem), trusted), Is.EqualTo(Source));
        }
    }

    [Test]
    public void Open_EcdsaSignature_VerifiesWithOpenSsl()
    {
        // The signature is plain DER ECDSA over payload.bin, so tools outside Thespian can check it.
        var package = SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PrivatePem);
        var entries = PackageEditor.Entries(package);
        using var key = ECDsa.Create();
        key.ImportFromPem(TestKeys.Ecdsa.PublicPem);

        Assert.That(key.VerifyData(entries[PackageEditor.Payload], entries[PackageEditor.Signature], HashAlgorithmName.SHA256,
                                   DSASignatureFormat.Rfc3279DerSequence), Is.True);
    }

    public static IEnumerable<TestCaseData> BadPackages()
    {
        var signed = SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PrivatePem);
        yield return Case("not a zip", "this is not a zip"u8.ToArray(), "not a signed source package", "not a readable zip");
        yield return Case("a plain source zip", Source, "plain (unsigned) source zip", "sign it");
        yield return Case("a zip of something else", SourceZip.Of(("readme.txt", "hi"u8.ToArray())), "no thespian-signed-source.json entry");
        yield return Case("no signature", PackageEditor.Edit(signed, PackageEditor.Signature, _ => null), "no payload.sig entry");
        yield return Case("no payload", PackageEditor.Edit(signed, PackageEditor.Payload, _ => null), "no payload.bin entry");
        yield return Case("an extra entry", Append(signed, ("evil.dll", Source)), "unexpected entry 'evil.dll'");
        yield return Case("manifest not JSON", PackageEditor.Edit(signed, PackageEditor.Manifest, _ => "{ nope"u8.ToArray()), "manifest", "not valid JSON");
        yield return Case("manifest of another format", PackageEditor.Edit(signed, PackageEditor.Manifest, _ => "{\"format\":\"zip\"}"u8.ToArray()),
                          "not a Thespian signed source manifest");
        yield return Case("manifest of a newer version", EditManifest(signed, "\"formatVersion\": 1", "\"formatVersion\": 2"),
                          "format version is 2", "reads version 1");
        yield return Case("manifest without algorithm", EditManifest(signed, "\"signatureAlgorithm\"", "\"algorithm\""),
                          "\"signatureAlgorithm\" field is missing");
        yield return Case("unknown algorithm", EditManifest(signed, SignedSourcePackage.EcdsaP256Sha256, "DSA-SHA1"), "'DSA-SHA1'", "does not verify");
        yield return Case("tampered payload", PackageEditor.Edit(signed, PackageEditor.Payload, p => PackageEditor.FlipBit(p, 100)),
                          "does not verify", "altered");
        yield return Case("tampered signature", PackageEditor.Edit(signed, PackageEditor.Signature, s => PackageEditor.FlipBit(s, -1)),
                          "does not verify", "altered");
        yield return Case("algorithm swapped", EditManifest(signed, SignedSourcePackage.EcdsaP256Sha256, SignedSourcePackage.RsaPssSha256),
                          "RSA-PSS-SHA256 signature does not verify");
    }

    [TestCaseSource(nameof(BadPackages))]
    public void Open_BadPackage_ThrowsSayingWhatIsWrong(byte[] package, string[] expected)
    {
        var thrown = Assert.Throws<SignedSourceException>(() => SignedSourcePackage.Open(package, TestKeys.Ecdsa.PublicPem))!;

        foreach (var text in expected)
        {
            Assert.That(thrown.Message, Does.Contain(text));
        }
    }

    [Test]
    public void Open_WrongPublicKey_ThrowsNamingTheKeyIds()
    {
        var package = SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PrivatePem);

        var thrown = Assert.Throws<SignedSourceException>(() => SignedSourcePackage.Open(package, TestKeys.OtherEcdsa.PublicPem))!;

        Assert.That(thrown.Message, Does.Contain("does not verify with any trusted public key").And.Contain("names key id"));
    }

    [Test]
    public void Open_WrongAesKey_ThrowsSayingItDoesNotDecrypt()
    {
        var package = SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PrivatePem, TestKeys.Aes());

        var thrown = Assert.Throws<SignedSourceException>(() => SignedSourcePackage.Open(package, TestKeys.Ecdsa.PublicPem, TestKeys.Aes()))!;

        Assert.That(thrown.Message, Does.Contain("does not decrypt with the configured AES key"));
    }

    [Test]
    public void Open_EncryptedWithoutAesKey_ThrowsSayingAKeyIsNeeded()
    {
        var package = SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PrivatePem, TestKeys.Aes());

        var thrown = Assert.Throws<SignedSourceException>(() => SignedSourcePackage.Open(package, TestKeys.Ecdsa.PublicPem))!;

        Assert.That(thrown.Message, Does.Contain("encrypted").And.Contain("no decryption key"));
    }

    [Test]
    public void Open_TamperedNonce_IsCaughtByTheDecryption()
    {
        var aes = TestKeys.Aes();
        var package = SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PrivatePem, aes);
        var manifest = Encoding.UTF8.GetString(PackageEditor.Entries(package)[PackageEditor.Manifest]);
        var nonce = System.Text.RegularExpressions.Regex.Match(manifest, "\"nonce\": \"([^\"]+)\"").Groups[1].Value;
        var otherNonce = Convert.ToBase64String(PackageEditor.FlipBit(Convert.FromBase64String(nonce), 0));

        var thrown = Assert.Throws<SignedSourceException>(
            () => SignedSourcePackage.Open(EditManifest(package, nonce, otherNonce), TestKeys.Ecdsa.PublicPem, aes))!;

        Assert.That(thrown.Message, Does.Contain("does not decrypt"));
    }

    [Test]
    public void Create_WithAPublicKey_ThrowsSayingAPrivateKeyIsNeeded()
    {
        var thrown = Assert.Throws<SignedSourceException>(() => SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PublicPem))!;

        Assert.That(thrown.Message, Does.Contain("no private key").And.Contain("'PUBLIC KEY'"));
    }

    [Test]
    public void Create_WithAnAesKeyOfTheWrongSize_ThrowsNamingTheSizes()
    {
        var thrown = Assert.Throws<SignedSourceException>(() => SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PrivatePem, new byte[10]))!;

        Assert.That(thrown.Message, Does.Contain("16, 24 or 32 bytes").And.Contain("10 bytes"));
    }

    [Test]
    public void Create_WithAKeyOnAnotherCurve_ThrowsNamingTheCurve()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var thrown = Assert.Throws<SignedSourceException>(() => SignedSourcePackage.Create(Source, p384))!;

        Assert.That(thrown.Message, Does.Contain("P-256"));
    }

    [Test]
    public void Open_WithAPrivateKeyAsTheTrustedKey_ThrowsSayingToGiveThePublicKey()
    {
        var package = SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PrivatePem);

        var thrown = Assert.Throws<SignedSourceException>(() => SignedSourcePackage.Open(package, TestKeys.Ecdsa.PrivatePem))!;

        Assert.That(thrown.Message, Does.Contain("holds a private key").And.Contain("only the public key"));
    }

    [Test]
    public void Open_WithNoPemAtAll_ThrowsSayingWhatToGive()
    {
        var package = SignedSourcePackage.Create(Source, TestKeys.Ecdsa.PrivatePem);

        var thrown = Assert.Throws<SignedSourceException>(() => SignedSourcePackage.Open(package, "not a key"))!;

        Assert.That(thrown.Message, Does.Contain("BEGIN PUBLIC KEY"));
    }

    private static TestCaseData Case(string name, byte[] package, params string[] expected) =>
        new TestCaseData(package, expected).SetArgDisplayNames(name);

    private static byte[] EditManifest(byte[] package, string from, string to) =>
        PackageEditor.Edit(package, PackageEditor.Manifest, m => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(m).Replace(from, to, StringComparison.Ordinal)));

    private static byte[] Append(byte[] package, (string Name, byte[] Content) extra) =>
        SourceZip.Of([.. PackageEditor.Entries(package).Select(e => (e.Key, e.Value)), extra]);

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
