using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources.Authority;

/// <summary>The permissive development authority: registers on a string and accepts every source unchanged.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class UnsafeDevelopmentSourceAuthorityTests(string systemBase) : AuthorityFixture(systemBase)
{
    [Test]
    public void Register_AnswersReadySayingItIsNotForProduction()
    {
        var authority = System.CreateActor<UnsafeDevelopmentSourceAuthority>();

        var answer = System.Ask(authority, "register", Patience);

        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.InstanceOf<SourceAuthorityReady>()
                                  .With.Property(nameof(SourceAuthorityReady.Description)).Contains("never for production"));
            Assert.That(RegisteredAuthority(), Is.EqualTo(authority));
        });
    }

    [Test]
    public void LoadActorSource_AnUnsignedZip_IsAcceptedUnchangedAndSaysHow()
    {
        var authority = System.CreateActor<UnsafeDevelopmentSourceAuthority>();
        Assert.That(System.Ask(authority, "register", Patience), Is.InstanceOf<SourceAuthorityReady>());
        var watcher = System.CreateActor<SourceWatcher>();
        Assert.That(System.Ask(watcher, "watch", Patience), Is.EqualTo("watching"));

        var hash = Load(TestSources.Greeter("dev"));

        Assert.That(ListenFor<string>(), Is.EqualTo($"loaded {hash} {UnsafeDevelopmentSourceAuthority.AcceptedInfo}"));
        AssertGreeterAnswers(hash, "dev");
    }
}
