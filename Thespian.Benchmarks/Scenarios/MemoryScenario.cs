using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;
using static Thespian.Benchmarks.Infrastructure.ScenarioContext;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (h) Memory, read from /proc: RSS (VmRSS) and PSS (smaps_rollup: shared pages divided among the processes
/// that map them, so it depends on how many .NET processes run on the machine). Of the admin, of a warm pool
/// host (no actor yet), of a host whose actor is idle (created and asked one question), of hosts after work
/// (B after a large tell burst; an echo actor after 1 MiB and 16 MiB echoes), and of this process. An actor host gives
/// memory back once its actor has been quiet for 2 s (IdleMemoryTrim), so idle figures are read after
/// <see cref="IdleSettle"/>, and the hosts after work are read both at once and after it.
/// </summary>
internal sealed class MemoryScenario : IScenario
{
    private const double MiB = 1 << 20;

    /// <summary>Longer than a host's quiet spell before it trims its memory (2 s), with room for the trim itself.</summary>
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(3);

    public string Name => "memory";

    public string Title => "(h) memory from /proc: admin, idle and working actor hosts, this process";

    public void Run(ScenarioContext context)
    {
        var options = context.Options;
        using var lease = context.StartSystem();
        var system = lease.System;

        // At rest with no actor: the admin and the warm pool.
        Settle(lease, hosts: WarmPool.Hosts);
        var pool = lease.LearnProcesses().ToArray();
        Report(context, "admin", "admin (no actors)", [lease.AdminProcessId]);
        Report(context, "host.pool", "warm pool host (no actor yet)", pool, withPrivate: true);

        var idle = system.CreateActor<ProcessIdle>();
        var sender = system.CreateActor<TickSender>();
        var counter = system.CreateActor<SwitchCounter>();
        var echo = system.CreateActor<ProcessEcho>();
        var idlePid = ProcessOf(system, idle);
        var counterPid = ProcessOf(system, counter);
        var echoPid = ProcessOf(system, echo);
        Settle(lease, hosts: 4 + WarmPool.Hosts);
        Report(context, "host.idle", "host with an idle actor (created, asked one question)", [idlePid], withPrivate: true,
               goal: Goal.AtMost(6, "PSS ≤ 6 MiB"), python: "4.4 MiB");

        // Work: a tell burst into the counter, and large echoes.
        var n = options.TellSmall;
        var done = Ask<Done>(system, sender, new Go(n, counter));
        if (done.Count != n)
        {
            throw new InvalidOperationException($"B counted {done.Count} messages, not {n}.");
        }

        foreach (var size in new[] { options.EchoSmallBytes, options.EchoLargeBytes })
        {
            var payload = new byte[size];
            for (var i = 0; i < 3; i++)
            {
                if (Ask<byte[]>(system, echo, payload).Length != size)
                {
                    throw new InvalidOperationException($"The echo of {size} bytes came back another size.");
                }
            }
        }

        lease.WaitUntilQuiet(hosts: 4 + WarmPool.Hosts);
        Report(context, "host.tell", $"host of B right after receiving {Count(n)} tells", [counterPid]);
        Report(context, "host.echo", "host of an echo actor right after 3×1 MiB + 3×16 MiB echoes", [echoPid]);
        Settle(lease, hosts: 4 + WarmPool.Hosts);
        Report(context, "host.tell.idle", $"host of B {IdleSettle.TotalSeconds:0} s after the tells", [counterPid]);
        Report(context, "host.echo.idle", $"host of the echo actor {IdleSettle.TotalSeconds:0} s after the echoes", [echoPid]);
        Report(context, "admin.after", "admin (4 actors, after the work)", [lease.AdminProcessId]);

        // Python's figure is of 50 idle actors alive at once (their processes share pages, so PSS falls as they multiply).
        var many = Enumerable.Range(0, ManyIdle).Select(_ => system.CreateActor<ProcessIdle>()).ToList();
        var manyPids = many.Select(actor => ProcessOf(system, actor)).ToArray();
        Settle(lease, hosts: 4 + ManyIdle + WarmPool.Hosts);
        Report(context, "host.idle50", $"hosts of {ManyIdle} idle actors alive at once", manyPids, withPrivate: true,
               goal: Goal.AtMost(2 * PythonIdlePss50, $"PSS ≤ 2× Python's {PythonIdlePss50} MiB"), python: $"{PythonIdlePss50} MiB");
        Report(context, "bench", "this benchmark process (after every scenario so far)", [Environment.ProcessId]);
    }

    /// <summary>How many idle actors the many-actors figure keeps alive at once (as Python's benchmark does).</summary>
    private const int ManyIdle = 50;

    /// <summary>Python Thespian 4.0.1's PSS per idle actor process with 50 alive (its benchmark, anchors/python-thespian).</summary>
    private const double PythonIdlePss50 = 4.5;

    /// <summary>Waits until the system is at rest, then long enough for the hosts to trim their memory.</summary>
    private static void Settle(SystemLease lease, int hosts)
    {
        lease.WaitUntilQuiet(hosts);
        Thread.Sleep(IdleSettle);
        lease.WaitUntilQuiet(hosts);
    }

    private static int ProcessOf(ActorSystem system, ActorAddress actor) => Ask<ProcessIdentity>(system, actor, WhoAreYou.Instance).ProcessId;

    private static void Report(ScenarioContext context, string key, string what, int[] pids, bool withPrivate = false,
                               Goal? goal = null, string? python = null)
    {
        var note = pids.Length > 1 ? $"median of {pids.Length} processes" : null;
        context.Report($"{key}.rss", $"RSS, {what}", Read(pids, ProcFs.RssBytes), "MiB", note: note);
        context.Report($"{key}.pss", $"  PSS, {what}", Read(pids, ProcFs.PssBytes), "MiB", goal, python, note);
        if (withPrivate)
        {
            context.Report($"{key}.private", $"  private (Private_Clean + Private_Dirty), {what}", Read(pids, ProcFs.PrivateBytes), "MiB",
                           note: note);
        }
    }

    private static double[] Read(int[] pids, Func<int, long?> read)
    {
        var values = pids.Select(read).Where(v => v is not null).Select(v => v!.Value / MiB).ToArray();
        return values.Length > 0
            ? values
            : throw new InvalidOperationException($"Could not read /proc for process {string.Join(", ", pids)}.");
    }
}
