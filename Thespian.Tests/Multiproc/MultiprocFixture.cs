using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework.Interfaces;
using Thespian.Multiproc;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// The base of the process-level tests of multiprocTCPBase. Each test gets a temp folder with the system
/// log file (every process of the system appends to it; tests read it), starts its systems on free admin
/// ports, and records every process id it starts or learns: the admin and hosts the admin lists, pids
/// actors report, peer processes, and whatever /proc shows for the system's admin port. TearDown shuts
/// every system down and asserts that every one of those processes is gone (killing leftovers by pid).
/// </summary>
public abstract class MultiprocFixture
{
    /// <summary>A generous wait for answers that must arrive (never a measure of speed: two busy cores).</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A generous wait for conditions polled from outside (processes, log lines).</summary>
    protected static readonly TimeSpan LongPatience = TimeSpan.FromSeconds(60);

    private readonly List<ActorSystem> _systems = [];
    private readonly HashSet<int> _processes = [];
    private readonly HashSet<int> _ports = [];

    /// <summary>This test's folder (deleted after a passing test, kept after a failing one).</summary>
    protected string WorkFolder { get; private set; } = null!;

    /// <summary>The system log file: every process of the test's systems appends to it.</summary>
    protected string LogFile { get; private set; } = null!;

    [SetUp]
    public void CreateWorkFolder()
    {
        WorkFolder = Path.Combine(Path.GetTempPath(), "thespian-multiproc-tests",
                                  $"{TestContext.CurrentContext.Test.MethodName}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(WorkFolder);
        LogFile = Path.Combine(WorkFolder, "system.log");
    }

    [TearDown]
    public void ShutDownAndCheckProcesses()
    {
        var processes = new HashSet<int>(_processes);
        foreach (var port in _ports)
        {
            processes.UnionWith(SystemProcesses.OfAdminPort(port));
        }

        foreach (var system in _systems)
        {
            processes.UnionWith(MultiprocSupport.ProcessesOf(system));
        }

        foreach (var system in _systems)
        {
            try
            {
                system.Shutdown();
            }
            catch (Exception ex)
            {
                // Whatever went wrong, the processes are still checked (and leftovers killed) below.
                TestContext.Out.WriteLine($"Shutdown: {ex.GetType().Name}: {ex.Message}");
            }

            system.Dispose();
        }

        // Anything started late (a pool refill racing the shutdown) is found by its command line.
        foreach (var port in _ports)
        {
            processes.UnionWith(SystemProcesses.OfAdminPort(port));
        }

        _systems.Clear();
        _ports.Clear();
        _processes.Clear();
        processes.Remove(Environment.ProcessId);
        try
        {
            MultiprocSupport.AssertAllExited(processes);
        }
        finally
        {
            KeepOrDeleteWorkFolder();
        }
    }

    /// <summary>The base this fixture's systems run on (multiprocTCPBase unless a fixture says otherwise).</summary>
    protected virtual string SystemBaseName => SystemBaseNames.MultiprocTcp;

    /// <summary>Starts a transient system of <see cref="SystemBaseName"/> on a free admin port, logging to <see cref="LogFile"/>.</summary>
    protected ActorSystem StartSystem(IDictionary<string, object?>? capabilities = null) => JoinSystem(FreeAdminPort(), capabilities);

    /// <summary>A free port for a system's admin; its processes are checked at teardown.</summary>
    protected int FreeAdminPort()
    {
        var port = MultiprocSupport.FreePort();
        _ports.Add(port);
        return port;
    }

    /// <summary>Starts or joins (new ActorSystem with this "Admin Port") the system on <paramref name="port"/>.</summary>
    protected ActorSystem JoinSystem(int port, IDictionary<string, object?>? capabilities = null)
    {
        _ports.Add(port);
        var withPort = new Dictionary<string, object?>(capabilities ?? new Dictionary<string, object?>())
        {
            [CommonCapabilities.AdminPort] = port,
        };
        var system = new ActorSystem(SystemBaseName, withPort, TestLogDefs(), transientUnique: true);
        _systems.Add(system);
        TrackProcessesOf(system);
        return system;
    }

    /// <summary>Logs of this test: Information and above to <see cref="LogFile"/>, nothing to the console.</summary>
    protected LogDefs TestLogDefs() => new()
    {
        FilePath = LogFile,
        MinimumLevel = LogLevel.Information,
        LoggerFactory = NullLoggerFactory.Instance,
    };

    /// <summary>The base behind a system object (internal: the admin's processes, the node's routes).</summary>
    private protected static MultiprocSystemBase BaseOf(ActorSystem system) => (MultiprocSystemBase)system.Base;

    /// <summary>Records a process that must be gone at teardown.</summary>
    protected void Track(int processId) => _processes.Add(processId);

    /// <summary>Asks the admin for its processes, records them, and returns the answer.</summary>
    private protected ProcessesReply TrackProcessesOf(ActorSystem system)
    {
        var reply = BaseOf(system).QueryProcesses();
        Track(reply.AdminProcessId);
        foreach (var host in reply.HostProcessIds)
        {
            Track(host);
        }

        return reply;
    }

    /// <summary>Asks an actor and asserts that the answer is a <typeparamref name="T"/>.</summary>
    protected static T AskFor<T>(ActorSystem system, ActorAddress target, object message)
    {
        var answer = system.Ask(target, message, Patience);
        Assert.That(answer, Is.InstanceOf<T>(), $"the answer of {target} to {message}");
        return (T)answer!;
    }

    /// <summary>Listens and asserts that the next message to the endpoint is a <typeparamref name="T"/>.</summary>
    protected static T ListenFor<T>(ActorSystem system)
    {
        var message = system.Listen(Patience);
        Assert.That(message, Is.InstanceOf<T>(), "the next message to the endpoint");
        return (T)message!;
    }

    /// <summary>
    /// Listens until a <typeparamref name="T"/> that matches arrives, passing over others. For reports from several
    /// processes, whose order between processes is not defined (a message handled just before its process was
    /// killed, but not yet acknowledged, is also dead-lettered: delivery is at least once).
    /// </summary>
    protected static T ListenUntil<T>(ActorSystem system, Func<T, bool>? matches = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (system.Listen(deadline - DateTime.UtcNow) is T found && (matches?.Invoke(found) ?? true))
            {
                return found;
            }
        }

        Assert.Fail($"No matching {typeof(T).Name} reached the endpoint within {Patience.TotalSeconds:0} s.");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Asks a <see cref="PidActor"/> (or <see cref="ParentActor"/>) for its process id and tracks it.</summary>
    protected int PidOf(ActorSystem system, ActorAddress actor)
    {
        var pid = AskFor<int>(system, actor, "pid");
        Track(pid);
        return pid;
    }

    /// <summary>Runs the peer program against the system on <paramref name="port"/> (logging to <see cref="LogFile"/>).</summary>
    protected PeerResult RunPeer(int port, params string[] command)
    {
        _ports.Add(port);
        var result = PeerProcess.Run(
            [port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--log", LogFile, .. command], LongPatience, Track);
        TestContext.Out.WriteLine(result);
        return result;
    }

    /// <summary>The log file's lines so far (read while other processes append to it).</summary>
    protected IReadOnlyList<string> LogLines()
    {
        if (!File.Exists(LogFile))
        {
            return [];
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Waits until a log line matches (every fragment present); returns it, or fails showing the log.</summary>
    protected string WaitForLogLine(string what, params string[] fragments)
    {
        string? found = null;
        var appeared = SpinWait.SpinUntil(() =>
        {
            found = LogLines().FirstOrDefault(line => fragments.All(f => line.Contains(f, StringComparison.Ordinal)));
            return found is not null;
        }, LongPatience);
        Assert.That(appeared, Is.True,
                    $"within {LongPatience.TotalSeconds} s, a log line about {what} containing [{string.Join(" | ", fragments)}]; the log:\n" +
                    string.Join('\n', LogLines().TakeLast(40)));
        return found!;
    }

    /// <summary>Whether some log line contains every fragment.</summary>
    protected bool LogHas(params string[] fragments) =>
        LogLines().Any(line => fragments.All(f => line.Contains(f, StringComparison.Ordinal)));

    /// <summary>Waits (polling, up to <paramref name="limit"/> or <see cref="LongPatience"/>) until <paramref name="condition"/> holds.</summary>
    protected static void Eventually(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var wait = limit ?? LongPatience;
        Assert.That(SpinWait.SpinUntil(condition, wait), Is.True, $"within {wait.TotalSeconds} s: {what}");
    }

    /// <summary>
    /// Asserts that <paramref name="text"/> (a secret or a password) shows nowhere: status shows the capability
    /// <paramref name="capability"/> as "(redacted)", and neither status, the system's capabilities, the log, nor the command
    /// line of the admin or any host holds it.
    /// </summary>
    protected void AssertNeverShown(ActorSystem system, string capability, string text)
    {
        var status = system.Ask(BaseOf(system).SystemAddress, new ThespianStatusRequest(), Patience) as ThespianSystemStatus;
        Assert.That(status, Is.Not.Null, "the admin's status");
        Assert.That(status!.Capabilities[capability], Is.EqualTo("(redacted)"));
        Assert.That(status.Capabilities.Values.Select(v => v?.ToString() ?? ""), Has.None.Contains(text));
        Assert.That(system.Capabilities.Values.Select(v => v?.ToString() ?? ""), Has.None.Contains(text));
        Assert.That(LogLines(), Has.None.Contains(text));
        var processes = TrackProcessesOf(system);
        foreach (var pid in processes.HostProcessIds.Append(processes.AdminProcessId))
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            Assert.That(commandLine, Does.Not.Contain(text), $"the command line of process {pid}");
        }
    }

    /// <summary>Whether a process is running (a zombie is not).</summary>
    protected static bool IsAlive(int processId) => ProcessLiveness.IsAlive(processId);

    /// <summary>Kills a process by its id (SIGKILL).</summary>
    protected static void Kill(int processId)
    {
        using var process = Process.GetProcessById(processId);
        process.Kill();
    }

    private void KeepOrDeleteWorkFolder()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Passed)
        {
            try
            {
                Directory.Delete(WorkFolder, recursive: true);
            }
            catch (IOException)
            {
                // A straggler still writing; the temp folder is cleaned by the system eventually.
            }
        }
        else
        {
            TestContext.Out.WriteLine($"The system log of this test: {LogFile}");
        }
    }
}
