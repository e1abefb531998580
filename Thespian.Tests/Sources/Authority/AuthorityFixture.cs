using Thespian.Tests.Sources.Authority.Support;
using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources.Authority;

/// <summary>What the authority scenarios share: starting and configuring an authority, and proving a load was rejected.</summary>
public abstract class AuthorityFixture(string systemBase) : SourceFixture(systemBase)
{
    /// <summary>Creates a <see cref="SignedSourceAuthority"/>, configures it, and asserts that it is ready.</summary>
    protected ActorAddress ConfiguredAuthority(string publicKeyPem, byte[]? aesKey = null)
    {
        var authority = System.CreateActor<SignedSourceAuthority>();
        var answer = System.Ask(authority, Configuration(publicKeyPem, aesKey), Patience);
        Assert.That(answer, Is.InstanceOf<SourceAuthorityReady>(), $"the answer to the configuration: {answer}");
        return authority;
    }

    /// <summary>The configuration message for these keys.</summary>
    protected static ConfigureSourceAuthority Configuration(string publicKeyPem, byte[]? aesKey = null) =>
        new(publicKeyPem, aesKey is null ? null : Convert.ToBase64String(aesKey));

    /// <summary>The system's source authority, as its status reports it.</summary>
    protected ActorAddress? RegisteredAuthority() =>
        AskFor<ThespianSystemStatus>(System.SystemAddress, new ThespianStatusRequest()).SourceAuthority;

    /// <summary>
    /// Loads <paramref name="package"/>, then a good package as a barrier (the authority answers in order), and
    /// asserts that the first was not made usable.
    /// </summary>
    protected void AssertRejected(byte[] package, TestKeyPair goodKeys, byte[]? aesKey = null)
    {
        var hash = Load(package);
        _ = LoadValidated(SignedSourcePackage.Create(TestSources.Greeter("barrier"), goodKeys.PrivatePem, aesKey));

        Assert.Multiple(() =>
        {
            Assert.That(LoadedSources(), Does.Not.Contain(hash));
            Assert.That(() => System.CreateActor(TestSources.GreeterType, sourceHash: hash),
                        Throws.InstanceOf<InvalidActorSourceHashException>());
        });
    }

    /// <summary>Asserts that a greeter created from <paramref name="hash"/> answers <paramref name="version"/>.</summary>
    protected void AssertGreeterAnswers(string hash, string version) =>
        Assert.That(System.Ask(System.CreateActor(TestSources.GreeterType, sourceHash: hash), "version", Patience),
                    Is.EqualTo(version));
}
