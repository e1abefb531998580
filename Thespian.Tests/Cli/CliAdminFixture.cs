using Thespian.Multiproc;

namespace Thespian.Tests.Cli;

/// <summary>
/// The base of CLI tests that start admins: each test gets a free port; teardown stops whatever answers
/// there with the CLI and checks that every process the test learnt of (admin and hosts) is gone —
/// killing leftovers by those process ids only. A fixture made for a base (<see cref="CliAdminFixture(string)"/>)
/// passes <c>--base</c> to every verb it runs.
/// </summary>
public abstract class CliAdminFixture
{
    private static readonly string[] VerbsWithBase = ["start", "status", "stop", "load", "unload"];
    private readonly HashSet<int> _processIds = [];

    /// <summary>A fixture for the command line's default base (multiprocTCPBase).</summary>
    protected CliAdminFixture()
    {
    }

    /// <summary>A fixture whose verbs name <paramref name="systemBase"/>.</summary>
    protected CliAdminFixture(string systemBase)
    {
        SystemBase = systemBase;
    }

    /// <summary>The base the verbs name (null: the default, multiprocTCPBase).</summary>
    protected string? SystemBase { get; }

    /// <summary>A port that was free when the test began.</summary>
    protected int Port { get; private set; }

    /// <summary>The port as a command-line word.</summary>
    protected string PortText => Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [SetUp]
    public void TakeFreePort()
    {
        Port = MultiprocSupport.FreePort();
        _processIds.Clear();
    }

    [TearDown]
    public void StopWhatWasStarted()
    {
        try
        {
            if (CliRunner.Probe(Port, SystemBase ?? SystemBaseNames.MultiprocTcp) == AdminProbeResult.ThespianAdmin)
            {
                Run("status", "--port", PortText);
                Run("stop", "--port", PortText);
            }
        }
        finally
        {
            MultiprocSupport.AssertAllExited(_processIds);
        }
    }

    /// <summary>Runs a verb (naming this fixture's base), remembering every process id its output names (for teardown).</summary>
    protected CliResult Run(params string[] args) => Remember(CliRunner.Run(WithBase(args)));

    private string[] WithBase(string[] args) =>
        SystemBase is null || args.Length == 0 || !VerbsWithBase.Contains(args[0]) || args.Contains("--base")
            ? args
            : [args[0], "--base", SystemBase, .. args[1..]];

    /// <summary>Remembers the process ids an output names.</summary>
    protected CliResult Remember(CliResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _processIds.UnionWith(CliRunner.ProcessIdsIn(result.StdOut));
        return result;
    }

    /// <summary>Remembers one process id (a foreground admin).</summary>
    protected void Remember(int processId) => _processIds.Add(processId);

    /// <summary>Starts a detached admin on <see cref="Port"/> with the CLI and returns its pid.</summary>
    protected int StartAdmin(params string[] extraArgs)
    {
        var result = Run(["start", "--port", PortText, .. extraArgs]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return CliRunner.AdminProcessIdIn(result.StdOut);
    }

    /// <summary>The admin's and hosts' process ids, from status.</summary>
    protected IReadOnlyList<int> ProcessesFromStatus()
    {
        var status = Run("status", "--port", PortText);
        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        return CliRunner.ProcessIdsIn(status.StdOut);
    }
}
