using Thespian.Tests.Sources.Authority.Support;
using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources.Authority;

/// <summary>The signed source authority in a running system: configured by message, it makes signed packages usable and nothing else.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class SignedSourceAuthorityTests(string systemBase) : AuthorityFixture(systemBase)
{
    private static IEnumerable<TestKeyPair> Pairs => TestKeys.SigningPairs;

    [Test]
    public void Configure_WithAPublicKey_AnswersReadyAndBecomesTheSystemsSourceAuthority()
    {
        var authority = System.CreateActor<SignedSourceAuthority>();

        var answer = System.Ask(authority, Configuration(TestKeys.Ecdsa.PublicPem), Patience);

        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.InstanceOf<SourceAuthorityReady>());
            Assert.That(((SourceAuthorityReady)answer!).Description, Does.Contain(SignedSourcePackage.EcdsaP256Sha256));
            Assert.That(RegisteredAuthority(), Is.EqualTo(authority));
        });
    }

    [TestCaseSource(nameof(Pairs))]
    public void LoadActorSource_SignedPackage_BecomesUsableAndTheGreeterAnswers(TestKeyPair keys)
    {
        _ = ConfiguredAuthority(keys.PublicPem);

        var hash = LoadValidated(SignedSourcePackage.Create(TestSources.Greeter("v1"), keys.PrivatePem));

        AssertGreeterAnswers(hash, "v1");
    }

    [TestCaseSource(nameof(Pairs))]
    public void LoadActorSource_SignedAndEncryptedPackage_IsDecryptedAndBecomesUsable(TestKeyPair keys)
    {
        var aes = TestKeys.Aes();
        _ = ConfiguredAuthority(keys.PublicPem, aes);

        var hash = LoadValidated(SignedSourcePackage.Create(TestSources.Greeter("v1"), keys.PrivatePem, aes));

        AssertGreeterAnswers(hash, "v1");
    }

    [Test]
    public void LoadActorSource_SignedPackage_TheLoadedSourceInfoSaysWhoSignedIt()
    {
        _ = ConfiguredAuthority(TestKeys.Ecdsa.PublicPem);
        var watcher = System.CreateActor<SourceWatcher>();
        Assert.That(System.Ask(watcher, "watch", Patience), Is.EqualTo("watching"));

        var hash = Load(SignedSourcePackage.Create(TestSources.Greeter("v1"), TestKeys.Ecdsa.PrivatePem));

        Assert.That(ListenFor<string>(), Does.StartWith($"loaded {hash} signed ({SignedSourcePackage.EcdsaP256Sha256}, key "));
    }

    public static IEnumerable<TestCaseData> RejectedPackages()
    {
        var greeter = TestSources.Greeter("bad");
        var signed = SignedSourcePackage.Create(greeter, TestKeys.Ecdsa.PrivatePem);
        yield return new TestCaseData((object)PackageEditor.Edit(signed, PackageEditor.Payload, p => PackageEditor.FlipBit(p, 200)))
            .SetArgDisplayNames("tampered payload");
        yield return new TestCaseData((object)PackageEditor.Edit(signed, PackageEditor.Signature, s => PackageEditor.FlipBit(s, -1)))
            .SetArgDisplayNames("tampered signature");
        yield return new TestCaseData((object)SignedSourcePackage.Create(greeter, TestKeys.OtherEcdsa.PrivatePem))
            .SetArgDisplayNames("signed by an untrusted key");
        yield return new TestCaseData((object)greeter).SetArgDisplayNames("an unsigned source zip");
        yield return new TestCaseData((object)"not even a zip"u8.ToArray()).SetArgDisplayNames("not a zip");
    }

    [TestCaseSource(nameof(RejectedPackages))]
    public void LoadActorSource_PackageThatDoesNotVerify_IsRejected(byte[] package)
    {
        _ = ConfiguredAuthority(TestKeys.Ecdsa.PublicPem);

        AssertRejected(package, TestKeys.Ecdsa);
    }

    [Test]
    public void LoadActorSource_EncryptedWithAnotherAesKey_IsRejected()
    {
        var aes = TestKeys.Aes();
        _ = ConfiguredAuthority(TestKeys.Ecdsa.PublicPem, aes);

        AssertRejected(SignedSourcePackage.Create(TestSources.Greeter("bad"), TestKeys.Ecdsa.PrivatePem, TestKeys.Aes()), TestKeys.Ecdsa, aes);
    }

    [Test]
    public void Configure_WithAPrivateKey_IsRefusedAndNothingIsRegistered()
    {
        var authority = System.CreateActor<SignedSourceAuthority>();

        var answer = System.Ask(authority, Configuration(TestKeys.Ecdsa.PrivatePem), Patience);

        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.InstanceOf<SourceAuthorityRefused>());
            Assert.That(((SourceAuthorityRefused)answer!).Reason, Does.Contain("only the public key"));
            Assert.That(RegisteredAuthority(), Is.Null);
        });
    }

    [Test]
    public void Configure_WithAnAesKeyThatIsNotBase64_IsRefusedSayingSo()
    {
        var authority = System.CreateActor<SignedSourceAuthority>();

        var answer = System.Ask(authority, new ConfigureSourceAuthority(TestKeys.Ecdsa.PublicPem, "not base64!"), Patience);

        Assert.That(answer, Is.InstanceOf<SourceAuthorityRefused>().With.Property(nameof(SourceAuthorityRefused.Reason)).Contains("not base64"));
    }

    [Test]
    public void Configure_RefusedAfterAGoodOne_KeepsTheGoodOne()
    {
        var authority = ConfiguredAuthority(TestKeys.Ecdsa.PublicPem);

        Assert.That(System.Ask(authority, Configuration("garbage"), Patience), Is.InstanceOf<SourceAuthorityRefused>());

        var hash = LoadValidated(SignedSourcePackage.Create(TestSources.Greeter("v1"), TestKeys.Ecdsa.PrivatePem));
        AssertGreeterAnswers(hash, "v1");
    }

    [Test]
    public void Rotation_OldAndNewKeysTrusted_ThenOnlyTheNew_OldPackagesAreRejected()
    {
        var authority = ConfiguredAuthority(TestKeys.Ecdsa.PublicPem + TestKeys.OtherEcdsa.PublicPem);
        var old = LoadValidated(SignedSourcePackage.Create(TestSources.Greeter("old"), TestKeys.Ecdsa.PrivatePem));
        var next = LoadValidated(SignedSourcePackage.Create(TestSources.Greeter("new"), TestKeys.OtherEcdsa.PrivatePem));

        Assert.That(System.Ask(authority, Configuration(TestKeys.OtherEcdsa.PublicPem), Patience), Is.InstanceOf<SourceAuthorityReady>());

        AssertGreeterAnswers(old, "old");
        AssertGreeterAnswers(next, "new");
        AssertRejected(SignedSourcePackage.Create(TestSources.Greeter("old2"), TestKeys.Ecdsa.PrivatePem), TestKeys.OtherEcdsa);
    }

    [Test]
    public void Register_SubclassWithItsKeyInCode_RegistersAndAcceptsPackagesSignedWithIt()
    {
        var authority = System.CreateActor<BuiltInKeyAuthority>();

        Assert.That(System.Ask(authority, "register", Patience), Is.InstanceOf<SourceAuthorityReady>());

        var hash = LoadValidated(SignedSourcePackage.Create(TestSources.Greeter("v1"), TestKeys.Fixed.PrivatePem));
        AssertGreeterAnswers(hash, "v1");
    }

    [Test]
    public void Register_WithoutAConfigurationInCode_IsRefusedSayingToConfigure()
    {
        var authority = System.CreateActor<SignedSourceAuthority>();

        var answer = System.Ask(authority, "register", Patience);

        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.InstanceOf<SourceAuthorityRefused>()
                                  .With.Property(nameof(SourceAuthorityRefused.Reason)).Contains(nameof(ConfigureSourceAuthority)));
            Assert.That(RegisteredAuthority(), Is.Null);
        });
    }
}
