using Thespian.Multiproc;

namespace Thespian.Tests.Cli;

/// <summary>start, status and stop against a real detached admin.</summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class StartStopTests : CliAdminFixture
{
    public StartStopTests(string systemBase)
        : base(systemBase)
    {
    }

    [Test]
    public void Start_FreePort_ReturnsOnceTheAdminAnswers()
    {
        var result = Run("start", "--port", PortText);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.StartWith($"{SystemBase} admin running on port {Port} (pid "));
            Assert.That(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
            Assert.That(CliRunner.Probe(Port, SystemBase!), Is.EqualTo(AdminProbeResult.ThespianAdmin));
            Assert.That(ProcessLiveness.IsAlive(CliRunner.AdminProcessIdIn(result.StdOut)), Is.True);
        }
    }

    [Test]
    public void Status_RunningAdmin_PrintsTheSummary()
    {
        var adminPid = StartAdmin();

        var result = Run("status", "--port", PortText);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Contain($"{SystemBase} system on port {Port}"));
            Assert.That(result.StdOut, Does.Match(@"(?m)^\s+Actors:\s+0$"));
            Assert.That(result.StdOut, Does.Contain($"Admin process:        {adminPid}"));
            Assert.That(result.StdOut, Does.Contain("Admin address:        ActorAddr-"));
            Assert.That(result.StdOut, Does.Contain("Global names:         (none)"));
            Assert.That(result.StdOut, Does.Contain("Dead-letter handlers: (none)"));
            Assert.That(result.StdOut, Does.Contain("Source authority:     (none)"));
            Assert.That(result.StdOut, Does.Contain("Loaded sources:       (none)"));
            Assert.That(result.StdOut, Does.Contain($"Admin Port = {Port}"));
            Assert.That(result.StdOut, Does.Contain($"Thespian ActorSystem Name = \"{SystemBase}\""));
        }
    }

    [Test]
    public void StatusJson_RunningAdmin_PrintsOneJsonObjectWithTypedValues()
    {
        var adminPid = StartAdmin("--capability", "Zebra=1", "--capability", "Flag=true");

        var result = Run("status", "--port", PortText, "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("base").GetString(), Is.EqualTo(SystemBase));
            Assert.That(root.GetProperty("port").GetInt32(), Is.EqualTo(Port));
            Assert.That(root.GetProperty("adminProcess").GetInt32(), Is.EqualTo(adminPid));
            Assert.That(root.GetProperty("adminAddress").GetString(), Does.StartWith("ActorAddr-"));
            Assert.That(root.GetProperty("actors").GetInt32(), Is.Zero);
            Assert.That(root.GetProperty("hostProcesses").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Array));
            Assert.That(root.GetProperty("globalNames").EnumerateObject(), Is.Empty);
            Assert.That(root.GetProperty("sourceAuthority").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            var capabilities = root.GetProperty("capabilities");
            Assert.That(capabilities.GetProperty("Admin Port").GetInt32(), Is.EqualTo(Port));
            Assert.That(capabilities.GetProperty("Zebra").GetInt32(), Is.EqualTo(1));
            Assert.That(capabilities.GetProperty("Flag").GetBoolean(), Is.True);
            Assert.That(capabilities.GetProperty("Thespian ActorSystem Name").GetString(), Is.EqualTo(SystemBase));
        }
    }

    [Test]
    public void Status_Capabilities_AreSortedByName()
    {
        StartAdmin("--capability", "Zebra=1", "--capability", "Aardvark=2");

        var lines = Run("status", "--port", PortText).StdOut.Split('\n');
        var capabilities = lines.SkipWhile(l => !l.TrimStart().StartsWith("Capabilities:", StringComparison.Ordinal))
                                .Skip(1).Where(l => l.Contains(" = ", StringComparison.Ordinal))
                                .Select(l => l.Trim()[..l.Trim().IndexOf(" = ", StringComparison.Ordinal)]).ToList();

        Assert.That(capabilities, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal).And.Contains("Aardvark").And.Contains("Zebra"));
    }

    [Test]
    public void Stop_RunningAdmin_ExitsZeroAndLeavesNoProcessNorListener()
    {
        StartAdmin();
        var processes = ProcessesFromStatus();
        Assert.That(processes, Has.Count.GreaterThanOrEqualTo(1));

        var result = Run("stop", "--port", PortText);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Contain($"admin on port {Port}").And.Contain("stopped"));
            Assert.That(CliRunner.Probe(Port, SystemBase!), Is.EqualTo(AdminProbeResult.Nothing));
            Assert.That(processes.Where(ProcessLiveness.IsAlive), Is.Empty, "processes alive right after stop returned");
        }
    }

    [Test]
    public void Start_Twice_SecondSaysAlreadyRunning()
    {
        var first = StartAdmin();

        var second = Run("start", "--port", PortText);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.ExitCode, Is.Zero, second.ToString());
            Assert.That(second.StdOut, Does.Contain($"already running on port {Port} (pid {first})"));
            Assert.That(second.StdErr, Is.Empty);
        }
    }

    [Test]
    public void Start_TwiceWithCapabilities_NotesThatTheyWereNotApplied()
    {
        StartAdmin();

        var second = Run("start", "--port", PortText, "--capability", "Lanes=3");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.ExitCode, Is.Zero, second.ToString());
            Assert.That(second.StdOut, Does.Contain("already running"));
            Assert.That(second.StdErr, Does.Contain("keeps its own capabilities"));
            Assert.That(Run("status", "--port", PortText).StdOut, Does.Not.Contain("Lanes"));
        }
    }

    [Test]
    public void Stop_Twice_SecondExitsOne()
    {
        StartAdmin();
        Assert.That(Run("stop", "--port", PortText).ExitCode, Is.Zero);

        var second = Run("stop", "--port", PortText);

        Assert.That(second.ExitCode, Is.EqualTo(1), second.ToString());
    }
}
