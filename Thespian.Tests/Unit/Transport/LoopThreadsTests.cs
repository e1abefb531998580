using Thespian.Sockets;
using Thespian.Bases.MultiprocTcp;

namespace Thespian.Tests.Unit.Transport;

/// <summary>
/// A connection's loops run on threads of their own; a thread whose loop ended waits as a spare, the next loop takes
/// it, and a spare nobody takes in time exits. Every loop handed over runs exactly once.
/// </summary>
public sealed class LoopThreadsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public void Start_RunsTheLoopOnABackgroundThreadNamedForIt()
    {
        var threads = new LoopThreads(TimeSpan.FromSeconds(10), maxSpares: 2);
        var ran = new TaskCompletionSource<(string? Name, bool Background)>();

        threads.Start("Thespian test loop", () =>
            ran.SetResult((Thread.CurrentThread.Name, Thread.CurrentThread.IsBackground)));

        Assert.That(ran.Task.Wait(Patience), Is.True, "the loop did not run");
        Assert.That(ran.Task.Result, Is.EqualTo(("Thespian test loop", true)));
    }

    [Test]
    public void Start_AfterALoopEnded_RunsOnThatThreadUnderTheNewName()
    {
        var threads = new LoopThreads(TimeSpan.FromSeconds(10), maxSpares: 2);
        var first = RunAndRecord(threads, "first");
        WaitUntil(() => threads.SpareCount == 1, "the first loop's thread never became a spare");

        var second = RunAndRecord(threads, "second");

        Assert.That(second.Thread, Is.SameAs(first.Thread));
        Assert.That(second.Name, Is.EqualTo("second"));
    }

    [Test]
    public void Spare_NotTakenWithinItsLifetime_Exits()
    {
        var threads = new LoopThreads(TimeSpan.FromMilliseconds(100), maxSpares: 2);

        var loop = RunAndRecord(threads, "short-lived");

        WaitUntil(() => !loop.Thread.IsAlive, "the spare did not exit after its lifetime");
        Assert.That(threads.SpareCount, Is.Zero);
    }

    [Test]
    public void LoopEnds_WithAsManySparesAsAllowedWaiting_ItsThreadExits()
    {
        var threads = new LoopThreads(TimeSpan.FromSeconds(10), maxSpares: 1);
        using var release = new ManualResetEventSlim();
        var started = new CountdownEvent(2);
        var ran = new List<Thread>();
        for (var i = 0; i < 2; i++)
        {
            threads.Start("held", () =>
            {
                lock (ran)
                {
                    ran.Add(Thread.CurrentThread);
                }

                started.Signal();
                release.Wait();
            });
        }

        Assert.That(started.Wait(Patience), Is.True, "the loops did not start");
        release.Set();

        WaitUntil(() => ran.Count(t => t.IsAlive) == 1 && threads.SpareCount == 1,
                  "expected one thread to stay as the only spare and the other to exit");
    }

    [Test]
    public void Start_ManyLoopsFromManyThreadsWhileSparesComeAndGo_EveryLoopRunsOnce()
    {
        // Spares live 1 ms, so taking a spare races with its retirement again and again.
        var threads = new LoopThreads(TimeSpan.FromMilliseconds(1), maxSpares: 4);
        const int Loops = 2_000;
        var runs = new int[Loops];
        using var done = new CountdownEvent(Loops);

        Parallel.For(0, Loops, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            threads.Start("race", () =>
            {
                Interlocked.Increment(ref runs[i]);
                done.Signal();
            });
            if (i % 50 == 0)
            {
                Thread.Sleep(2);
            }
        });

        Assert.That(done.Wait(Patience), Is.True, $"{done.CurrentCount} loops never ran");
        Assert.That(runs.Where(r => r != 1), Is.Empty, "a loop ran more than once");
    }

    private static (Thread Thread, string? Name) RunAndRecord(LoopThreads threads, string name)
    {
        var ran = new TaskCompletionSource<(Thread, string?)>();
        threads.Start(name, () => ran.SetResult((Thread.CurrentThread, Thread.CurrentThread.Name)));
        Assert.That(ran.Task.Wait(Patience), Is.True, $"the loop {name} did not run");
        return ran.Task.Result;
    }

    private static void WaitUntil(Func<bool> condition, string failure) =>
        Assert.That(SpinWait.SpinUntil(condition, Patience), Is.True, failure);
}
