using Microsoft.Extensions.Logging;
using Thespian.Tests.Sources.Authority.Support;
using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources.Authority;

/// <summary>
/// What the authorities log: why a source was rejected, and that the development authority is not for production.
/// The capture is an in-process object, so these run on the simple base only.
/// </summary>
public sealed class SourceAuthorityLogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private CapturingLoggerFactory _capture = null!;
    private ActorSystem _system = null!;

    [SetUp]
    public void Start()
    {
        _capture = new CapturingLoggerFactory();
        _system = new ActorSystem(SystemBaseNames.Simple, logDefs: new LogDefs { LoggerFactory = _capture }, transientUnique: true);
    }

    [TearDown]
    public void Stop()
    {
        _system.Shutdown();
        _system.Dispose();
        _capture.Dispose();
    }

    [Test]
    public void Rejection_LogsAWarningSayingWhy()
    {
        Configure(TestKeys.Ecdsa.PublicPem);
        var package = SignedSourcePackage.Create(TestSources.Greeter("v1"), TestKeys.Ecdsa.PrivatePem);

        var hash = Load(PackageEditor.Edit(package, PackageEditor.Payload, p => PackageEditor.FlipBit(p, 300)));

        var warning = _capture.WithMessage($"Source {hash} rejected").Single();
        Assert.Multiple(() =>
        {
            Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(warning.Message, Does.Contain("does not verify").And.Contain("altered"));
        });
    }

    [Test]
    public void Rejection_OfAPlainZip_SaysToSignIt()
    {
        Configure(TestKeys.Ecdsa.PublicPem);

        var hash = Load(TestSources.Greeter("v1"));

        Assert.That(_capture.WithMessage($"Source {hash} rejected").Single().Message, Does.Contain("thespian-admin sign"));
    }

    [Test]
    public void ValidateSource_FromAnActorThatIsNotTheSystem_IsIgnoredWithAWarning()
    {
        var authority = Configure(TestKeys.Ecdsa.PublicPem);
        var package = SignedSourcePackage.Create(TestSources.Greeter("v1"), TestKeys.Ecdsa.PrivatePem);
        var prober = _system.CreateActor<ValidateProber>();

        _system.Tell(prober, (authority, package));

        Assert.That(_capture.WithMessage("not from the actor system; ignored").Single().Level, Is.EqualTo(LogLevel.Warning));
    }

    [Test]
    public void DevelopmentAuthority_EachAcceptance_LogsAWarningThatItIsNotForProduction()
    {
        var authority = _system.CreateActor<UnsafeDevelopmentSourceAuthority>();
        Assert.That(_system.Ask(authority, "register", Patience), Is.InstanceOf<SourceAuthorityReady>());

        var first = Load(TestSources.Greeter("v1"));
        var second = Load(TestSources.Greeter("v2"));

        Assert.Multiple(() =>
        {
            foreach (var hash in new[] { first, second })
            {
                var warning = _capture.WithMessage($"Source {hash} accepted WITHOUT ANY CHECK").Single();
                Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
                Assert.That(warning.Message, Does.Contain("never for production"));
            }

            Assert.That(_capture.WithMessage("UnsafeDevelopmentSourceAuthority is now the source authority"), Has.Count.EqualTo(1));
        });
    }

    private ActorAddress Configure(string publicKeyPem)
    {
        var authority = _system.CreateActor<SignedSourceAuthority>();
        Assert.That(_system.Ask(authority, new ConfigureSourceAuthority(publicKeyPem), Patience), Is.InstanceOf<SourceAuthorityReady>());
        return authority;
    }

    private string Load(byte[] zip)
    {
        using var stream = new MemoryStream(zip);
        return _system.LoadActorSource(stream);
    }

    /// <summary>Sends the authority a ValidateSource of its own, as an actor trying to have a package decrypted would.</summary>
    private sealed class ValidateProber : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is ValueTuple<ActorAddress, byte[]> (var authority, var package))
            {
                Send(authority, new ValidateSource("0123", package));
            }
        }
    }
}
