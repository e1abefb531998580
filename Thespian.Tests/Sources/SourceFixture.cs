using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources;

/// <summary>What source tests share: registering the test authority, loading a source and waiting until it is usable.</summary>
public abstract class SourceFixture(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Creates the development authority (it accepts every source unchanged) and registers it.</summary>
    protected ActorAddress RegisterAuthority()
    {
        var authority = System.CreateActor<UnsafeDevelopmentSourceAuthority>();
        Assert.That(System.Ask(authority, "register", Patience), Is.InstanceOf<SourceAuthorityReady>());
        return authority;
    }

    /// <summary>Loads <paramref name="zip"/> and returns its hash once the system lists it as loaded.</summary>
    protected string LoadValidated(byte[] zip)
    {
        var hash = Load(zip);
        WaitUntil(() => LoadedSources().Contains(hash), $"the source {hash} to be listed as loaded");
        return hash;
    }

    /// <summary>Loads <paramref name="zip"/> (from a stream) and returns its hash at once.</summary>
    protected string Load(byte[] zip)
    {
        using var stream = new MemoryStream(zip);
        return System.LoadActorSource(stream);
    }

    /// <summary>The hashes the system's status lists as loaded.</summary>
    protected IReadOnlyList<string> LoadedSources() =>
        AskFor<ThespianSystemStatus>(System.SystemAddress, new ThespianStatusRequest()).LoadedSources;

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <see cref="BaseFixture.Patience"/>.</summary>
    protected static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            Thread.Sleep(20);
        }
    }
}
