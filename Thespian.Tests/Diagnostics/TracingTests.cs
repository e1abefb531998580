using System.Collections.Concurrent;
using System.Diagnostics;
using Thespian.Diagnostics;

namespace Thespian.Tests.Diagnostics;

/// <summary>
/// Thespian's activities on every base: one trace spans the application's Ask, the actor's receive and its child's
/// receive — on the multiproc bases across three processes, also through an actor process that has no listener.
/// Not parallel: the listener here sees every Thespian activity of this process.
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
[NonParallelizable]
public sealed class TracingTests(string systemBase) : BaseFixture(systemBase)
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivitySource _outer = new("Thespian.Tests.Caller");
    private ActivityListener? _listener;
    private ActivityListener? _callerListener;

    [SetUp]
    public void Listen()
    {
        _stopped.Clear();
        _listener = TracedActor.SampleThespian();
        _listener.ActivityStopped = _stopped.Enqueue;
        ActivitySource.AddActivityListener(_listener);
        _callerListener = new ActivityListener
        {
            ShouldListenTo = source => source == _outer,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_callerListener);
    }

    [TearDown]
    public void StopListening()
    {
        _listener?.Dispose();
        _callerListener?.Dispose();
    }

    [OneTimeTearDown]
    public void DisposeSource() => _outer.Dispose();

    [Test]
    public void Ask_ActorPassesToAChild_TheChildsActivityHasTheApplicationsTraceId()
    {
        var parent = System.CreateActor<TracedActor>();
        var request = new ViaChild(typeof(TracedActor).FullName!, new ReportTrace(System.EndpointAddress));
        using var caller = _outer.StartActivity("caller")!;

        var report = AskFor<TraceReport>(parent, request);

        var ask = StoppedAskIn(caller);
        Assert.Multiple(() =>
        {
            Assert.That(report.TraceId, Is.EqualTo(ask.TraceId.ToHexString()), "the child's trace is the application's");
            Assert.That(report.OperationName, Is.EqualTo(ThespianTracing.ReceiveActivity));
            Assert.That(report.ParentSpanId, Is.Not.EqualTo(ask.SpanId.ToHexString()),
                        "the child's parent is the actor's receive, not the ask itself");
            Assert.That(ask.GetTagItem(ThespianDiagnostics.BaseTag), Is.EqualTo(SystemBase));
            if (IsMultiproc)
            {
                Assert.That(report.ProcessId, Is.Not.EqualTo(Environment.ProcessId), "the child ran in a process of its own");
            }
        });
    }

    [Test]
    public void Ask_ThroughAnActorWhoseProcessHasNoListener_TheTraceIsNotCut()
    {
        var relay = System.CreateActor<UntracedRelayActor>();
        var request = new ViaChild(typeof(TracedActor).FullName!, new ReportTrace(System.EndpointAddress));
        using var caller = _outer.StartActivity("caller")!;

        var report = AskFor<TraceReport>(relay, request);

        var ask = StoppedAskIn(caller);
        Assert.That(report.TraceId, Is.EqualTo(ask.TraceId.ToHexString()));
        if (IsMultiproc)
        {
            Assert.That(report.ParentSpanId, Is.EqualTo(ask.SpanId.ToHexString()),
                        "with no activity in between, the child's parent is the application's ask");
        }
    }

    [Test]
    public async Task AskAsync_Traced_ActivityEndsWithTheAnswerAndTheCallersContextIsKept()
    {
        var actor = System.CreateActor<TracedActor>();
        using var caller = _outer.StartActivity("caller")!;

        var report = await System.AskAsync<TraceReport>(actor, new ReportTrace(System.EndpointAddress), Patience);

        Assert.Multiple(() =>
        {
            Assert.That(Activity.Current, Is.SameAs(caller), "the caller's activity is current again");
            Assert.That(report!.TraceId, Is.EqualTo(caller.TraceId.ToHexString()));
            Assert.That(StoppedAskIn(caller).ParentSpanId, Is.EqualTo(caller.SpanId));
        });
    }

    [Test]
    public void CreateActor_Traced_HasAnActivityNamingTheType()
    {
        _ = System.CreateActor<TracedActor>();

        var create = Stopped(ThespianTracing.CreateActorActivity);
        Assert.That(create.GetTagItem(ThespianDiagnostics.ActorTypeTag), Is.EqualTo(typeof(TracedActor).FullName));
    }

    /// <summary>The test's own ask: the one whose parent is the test's caller activity (others may run in this process).</summary>
    private Activity StoppedAskIn(Activity caller) =>
        Stopped(ThespianTracing.AskActivity, a => a.ParentSpanId == caller.SpanId);

    private Activity Stopped(string operationName, Func<Activity, bool>? which = null)
    {
        Activity? found = null;
        Eventually(() => (found = _stopped.FirstOrDefault(a => a.OperationName == operationName && (which?.Invoke(a) ?? true))) is not null,
                   $"a stopped {operationName} activity");
        return found!;
    }
}
