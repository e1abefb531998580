using System.Diagnostics;
using Thespian.Tests.Behaviour;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// Asking an actor whose process is gone: the ask returns null as soon as its send is known to have failed (Python
/// Thespian's ask returns None when the send fails), not at the timeout, and never hangs when no timeout is given. The
/// message itself is not lost: it reaches the dead-letter handlers (which report to another endpoint, so that nothing
/// but an answer could reach the asking one).
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class DeadTargetTests(string systemBase) : MultiprocFixture
{
    /// <inheritdoc />
    protected override string SystemBaseName => systemBase;

    /// <summary>The asking endpoint, an observer endpoint its dead-letter handler reports to, and an actor whose process was killed.</summary>
    private (ActorSystem System, ActorSystem Observer, ActorAddress Target) SystemWithKilledActor()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port);
        var observer = JoinSystem(port);
        var watcher = observer.CreateActor<DeadLetterWatcher>();
        Assert.That(observer.Ask(watcher, "register", Patience), Is.EqualTo("registered"));
        var target = system.CreateActor<PidActor>();
        var pid = PidOf(system, target);
        Kill(pid);
        Assert.That(SpinWait.SpinUntil(() => !IsAlive(pid), LongPatience), Is.True, "the actor's process ended");
        return (system, observer, target);
    }

    private static void AssertDeadLettered(ActorSystem observer, string message) =>
        Assert.That(ListenUntil<DeadLetterSeen>(observer, d => Equals(d.DeadMessage, message)).DeadMessage, Is.EqualTo(message),
                    "the ask's message reached the dead-letter handler");

    [Test]
    public void Ask_NoTimeout_ActorsProcessKilled_ReturnsNullInsteadOfHanging()
    {
        var (system, observer, target) = SystemWithKilledActor();
        var watch = Stopwatch.StartNew();

        var asking = Task.Run(() => system.Ask(target, "pid"));

        Assert.That(asking.Wait(Patience), Is.True, "the ask with no timeout returned");
        TestContext.Out.WriteLine($"{systemBase}: the ask to the dead actor returned after {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.That(asking.Result, Is.Null);
        AssertDeadLettered(observer, "pid");
    }

    [Test]
    public async Task AskAsync_LongTimeout_ActorsProcessKilled_ReturnsNullBeforeTheTimeout()
    {
        var (system, observer, target) = SystemWithKilledActor();
        var timeout = TimeSpan.FromMinutes(10);

        var asking = system.AskAsync(target, "pid", timeout);

        Assert.That(await Task.WhenAny(asking, Task.Delay(Patience)), Is.SameAs(asking), "the ask returned long before its timeout");
        Assert.That(await asking, Is.Null);
        AssertDeadLettered(observer, "pid");
    }

    [Test]
    public async Task AskAsync_CallerCancels_StillThrowsOperationCanceled()
    {
        var system = StartSystem();
        var silent = system.CreateActor<PidActor>();   // answers only "pid"
        using var cancel = new CancellationTokenSource();

        var asking = system.AskAsync(silent, "anything", timeout: null, cancel.Token);
        await cancel.CancelAsync();

        Assert.That(async () => await asking, Throws.InstanceOf<OperationCanceledException>());
    }
}
