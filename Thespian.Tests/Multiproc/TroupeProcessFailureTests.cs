namespace Thespian.Tests.Multiproc;

/// <summary>A troupe worker whose process is killed (SIGKILL) while it holds work: the work goes to another worker.</summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class TroupeProcessFailureTests(string systemBase) : MultiprocFixture
{
    /// <inheritdoc />
    protected override string SystemBaseName => systemBase;

    [Test]
    public void TroupeWorkerProcess_KilledWhileHoldingWork_AnotherWorkerInAnotherProcessHandlesIt()
    {
        var system = StartSystem();
        var troupe = system.CreateActor<HoldingTroupeWorker>();
        var first = AskFor<HeldWork>(system, troupe, new HoldWork("job-1"));
        Track(first.ProcessId);
        Assert.That(first.ProcessId, Is.Not.EqualTo(Environment.ProcessId));

        Kill(first.ProcessId);

        var again = ListenUntil<HeldWork>(system);
        Track(again.ProcessId);
        Assert.Multiple(() =>
        {
            Assert.That(again.Id, Is.EqualTo("job-1"), "the work the killed worker held is handed out again");
            Assert.That(again.Worker, Is.Not.EqualTo(first.Worker));
            Assert.That(again.ProcessId, Is.Not.EqualTo(first.ProcessId));
            Assert.That(IsAlive(first.ProcessId), Is.False);
        });
        WaitForLogLine("the troupe re-queueing the work", "goes to another worker", first.Worker.ToString());
    }

    [Test]
    public void TroupeWorkerProcess_KilledWhileHoldingWork_QueuedWorkIsHandledToo()
    {
        var system = StartSystem();
        var troupe = system.CreateActor<HoldingTroupeWorker>();
        _ = AskFor<UpdateTroupeSettings>(system, troupe, new UpdateTroupeSettings { MaxCount = 1 });
        var first = AskFor<HeldWork>(system, troupe, new HoldWork("job-1"));
        Track(first.ProcessId);
        system.Tell(troupe, new HoldWork("job-2"));

        Kill(first.ProcessId);

        var again = ListenUntil<HeldWork>(system);
        Track(again.ProcessId);
        Assert.That(again.Id, Is.EqualTo("job-1"), "the re-queued work goes first, before the queued work");
        system.Tell(again.Worker, "finish");
        var next = ListenUntil<HeldWork>(system);
        Track(next.ProcessId);
        Assert.Multiple(() =>
        {
            Assert.That(next.Id, Is.EqualTo("job-2"));
            Assert.That(next.Worker, Is.EqualTo(again.Worker));
        });
    }
}
