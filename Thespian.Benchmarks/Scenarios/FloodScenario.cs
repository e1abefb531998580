using System.Diagnostics;
using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using static Thespian.Benchmarks.Infrastructure.ScenarioContext;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// A flood (multiproc, only when named): the application Tells N messages (default 10M, <c>--flood-messages</c>) to one
/// actor in a process of its own, as fast as it can, from one thread. Back-pressure (the sender's bounded queue per
/// destination, then TCP's window or the UDP session's flow control) must hold the flooding process's memory: its RSS,
/// and the actor process's, are read every 100 ms and their peaks reported, next to the rate and the RSS before. The
/// flooding process's peak over the first tenth of the flood and over its second half are reported too: memory that
/// back-pressure bounds reaches its plateau early, memory that grows with the number of messages peaks at the end.
/// </summary>
internal sealed class FloodScenario : IScenario
{
    private const double MiB = 1 << 20;

    public string Name => "flood";

    public string Title => "Flood: the application Tells N messages to one actor as fast as it can; peak RSS of both processes";

    private static string Series(RssSampler sampler, int index) =>
        string.Join(' ', sampler.Series(index, TimeSpan.FromSeconds(2)).Select(b => (b / MiB).ToString("0", System.Globalization.CultureInfo.InvariantCulture)));

    public void Run(ScenarioContext context)
    {
        var count = context.Options.FloodMessages;
        using var lease = context.StartSystem();
        var system = lease.System;
        var counter = system.CreateActor<SwitchCounter>();
        var actorPid = ProcessOf(system, counter);
        lease.WaitUntilQuiet(hosts: 1 + WarmPool.Hosts);
        var appBefore = ProcFs.RssBytes(Environment.ProcessId) ?? 0;
        var actorBefore = ProcFs.RssBytes(actorPid) ?? 0;
        _ = Ask<string>(system, counter, new ExpectFlood(count));

        var elapsed = Stopwatch.StartNew();
        Done done;
        int samples;
        long appPeak;
        long appEarlyPeak;
        long appLatePeak;
        long actorPeak;
        using (var sampler = RssSampler.Start(Environment.ProcessId, actorPid))
        {
            var tick = Tick.Instance;
            for (long i = 0; i < count; i++)
            {
                system.Tell(counter, tick);
            }

            var sent = elapsed.Elapsed;
            done = system.Listen(LongAskTimeout) as Done
                   ?? throw new InvalidOperationException($"The actor did not report {count} messages within {LongAskTimeout.TotalSeconds:0} s.");
            elapsed.Stop();
            Console.Error.WriteLine($"  {Count(count)} Tells returned after {sent.TotalSeconds:0.0} s; the last was handled after {elapsed.Elapsed.TotalSeconds:0.0} s");
            appPeak = sampler.PeakBytes(0);
            appEarlyPeak = sampler.PeakBytes(0, 0, 0.1);
            appLatePeak = sampler.PeakBytes(0, 0.5, 1);
            actorPeak = sampler.PeakBytes(1);
            samples = sampler.Samples;
            Console.Error.WriteLine("  RSS (MiB) every 2 s, flooding process: " + Series(sampler, 0) + "; actor's process: " + Series(sampler, 1));
        }

        if (done.Count != count)
        {
            throw new InvalidOperationException($"The actor counted {done.Count} messages, not {count}.");
        }

        var note = $"N={Count(count)}, one run; RSS read every 100 ms ({samples} reads)";
        context.Report("rate", $"Tells handled per second, N={Count(count)}", [count / elapsed.Elapsed.TotalSeconds], "msg/s", note: note);
        context.Report("rss.app.before", "RSS of the flooding process before the flood", [appBefore / MiB], "MiB");
        context.Report("rss.app.peak", "  peak RSS of the flooding process during the flood", [appPeak / MiB], "MiB", note: note);
        context.Report("rss.app.early", "    over the first tenth of the flood", [appEarlyPeak / MiB], "MiB");
        context.Report("rss.app.late", "    over the second half of the flood", [appLatePeak / MiB], "MiB");
        context.Report("rss.actor.before", "RSS of the actor's process before the flood", [actorBefore / MiB], "MiB");
        context.Report("rss.actor.peak", "  peak RSS of the actor's process during the flood", [actorPeak / MiB], "MiB", note: note);
    }
}
