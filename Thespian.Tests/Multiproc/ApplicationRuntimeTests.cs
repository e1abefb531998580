using System.Globalization;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// An actor in a process of its own behaves as the same code in the application that started the system: its host
/// runs with the application's deps.json and runtimeconfig, so culture data (the test assembly is not invariant) and
/// a package with native assets (Microsoft.Data.Sqlite's e_sqlite3) work in an actor as they do here; and hosts of an
/// application that is invariant (the peer program) are invariant too.
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class ApplicationRuntimeTests(string systemBase) : MultiprocFixture
{
    /// <inheritdoc />
    protected override string SystemBaseName => systemBase;

    [Test]
    public void CultureActor_FormatsInGerman_AsTheApplicationDoes()
    {
        var expected = CultureFormatting.Format(new CultureInfo("de-DE"));
        var system = StartSystem();
        var actor = system.CreateActor<CultureActor>();

        var answer = AskFor<string>(system, actor, "de-DE");

        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.EqualTo(expected), "the actor's de-DE formatting is the application's");
            Assert.That(answer, Does.Contain("1.234.567,89").And.Contain("Dezember"), "German culture data, not invariant");
            Assert.That(AskFor<bool>(system, actor, "invariant"), Is.EqualTo(CultureFormatting.IsInvariantMode()).And.False);
        });
    }

    [Test]
    public void SqliteActor_QueriesAnInMemoryDatabase_AsTheApplicationDoes()
    {
        var expected = SqliteQuery.Run();
        var system = StartSystem();
        var actor = system.CreateActor<SqliteActor>();

        var answer = AskFor<string>(system, actor, "query");

        Assert.That(answer, Is.EqualTo(expected).And.StartWith("sum=29; sqlite="), "the native library loaded in the actor's process");
    }

    [Test]
    public void InvariantApplication_ItsActorsRunInvariantAndStillFindTheActorPathsPackages()
    {
        // The peer program is built with InvariantGlobalization: it starts the system here, so its hosts take its
        // runtimeconfig; the actor type comes from the test assembly on the actor path (not in the peer's deps.json).
        var port = FreeAdminPort();

        var peer = RunPeer(port, "--base", systemBase, "create-ask", typeof(CultureActor).FullName!, "de-DE");
        var system = JoinSystem(port);
        var actor = system.CreateActor<CultureActor>();

        Assert.Multiple(() =>
        {
            Assert.That(peer.ExitCode, Is.Zero, peer.ToString());
            Assert.That(peer.Value("answer"), Is.EqualTo("error: CultureNotFoundException"), "de-DE does not exist where the app is invariant");
            Assert.That(AskFor<bool>(system, actor, "invariant"), Is.True, "a host of the invariant application's system");
        });
        // The peer's deps.json lacks Microsoft.Data.Sqlite: the host finds it, and its native library, through the
        // test assembly's deps.json on the actor path.
        Assert.That(AskFor<string>(system, system.CreateActor<SqliteActor>(), "query"), Is.EqualTo(SqliteQuery.Run()));
    }
}
