using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Concurrency;

/// <summary>
/// Envelopes for a target whose route is not known yet are held in order; the release forwards them in order, with
/// whatever arrives while it runs, and only then stops holding — so nothing sent later overtakes what was held, and
/// nothing is lost, whichever threads send.
/// </summary>
public sealed class PendingRoutesTests
{
    private static readonly ActorId Target = new(0, 1);
    private static readonly ActorId Other = new(0, 2);

    /// <summary>An envelope for <paramref name="target"/> that names its writer and its place in that writer's order.</summary>
    private static Envelope Numbered(ActorId target, int writer, int sequence) =>
        new(EnvelopeKind.Deliver, target, new ActorId((ulong)writer, (ulong)sequence), ActorId.Zero, null, ReadOnlyMemory<byte>.Empty);

    private static (int Writer, int Sequence) NumberOf(Envelope envelope) => ((int)envelope.Sender.Upper, (int)envelope.Sender.Lower);

    [Test]
    public void TryHold_TargetNotAwaited_HoldsOnlyWhenAskedToStartWaiting()
    {
        var routes = new PendingRoutes();

        Assert.That(routes.TryHold(Target, Numbered(Target, 0, 0), startWaiting: false), Is.False, "no route is awaited");
        Assert.That(routes.TryHold(Target, Numbered(Target, 0, 1), startWaiting: true), Is.True);
        Assert.That(routes.TryHold(Target, Numbered(Target, 0, 2), startWaiting: false), Is.True, "now it is awaited");
        Assert.That(routes.TryHold(Other, Numbered(Other, 0, 0), startWaiting: false), Is.False, "another target is not");
    }

    [Test]
    public void Expect_ThenTryHoldWithoutStartingToWait_Holds()
    {
        var routes = new PendingRoutes();

        routes.Expect(Target);

        Assert.That(routes.TryHold(Target, Numbered(Target, 0, 0), startWaiting: false), Is.True);
    }

    [Test]
    public void Expect_WhileHolding_KeepsWhatIsHeld()
    {
        var routes = new PendingRoutes();
        routes.TryHold(Target, Numbered(Target, 0, 0), startWaiting: true);

        routes.Expect(Target);
        routes.TryHold(Target, Numbered(Target, 0, 1), startWaiting: false);

        var forwarded = new List<Envelope>();
        routes.Release(Target, forwarded.Add);
        Assert.That(forwarded.Select(NumberOf), Is.EqualTo(new[] { (0, 0), (0, 1) }));
    }

    [Test]
    public void Release_ForwardsWhatWasHeldInOrderThenStopsHolding()
    {
        var routes = new PendingRoutes();
        routes.Expect(Target);
        for (var i = 0; i < 100; i++)
        {
            routes.TryHold(Target, Numbered(Target, 0, i), startWaiting: false);
        }

        routes.TryHold(Other, Numbered(Other, 0, 0), startWaiting: true);

        var forwarded = new List<Envelope>();
        routes.Release(Target, forwarded.Add);

        Assert.That(forwarded.Select(e => NumberOf(e).Sequence), Is.EqualTo(Enumerable.Range(0, 100)));
        Assert.That(forwarded.Select(e => e.Target), Is.All.EqualTo(Target), "only the released target's envelopes");
        Assert.That(routes.TryHold(Target, Numbered(Target, 0, 100), startWaiting: false), Is.False, "no longer held");
        Assert.That(routes.TryHold(Other, Numbered(Other, 0, 1), startWaiting: false), Is.True, "the other target is still held");
    }

    [Test]
    public void Release_TargetNotHeld_ForwardsNothing()
    {
        var routes = new PendingRoutes();
        var forwarded = new List<Envelope>();

        routes.Release(Target, forwarded.Add);

        Assert.That(forwarded, Is.Empty);
    }

    [Test]
    public void Release_EnvelopeArrivesFromAnotherThreadWhileForwarding_ForwardedAfterTheHeldOnes()
    {
        var routes = new PendingRoutes();
        routes.Expect(Target);
        routes.TryHold(Target, Numbered(Target, 0, 0), startWaiting: false);
        routes.TryHold(Target, Numbered(Target, 0, 1), startWaiting: false);
        var forwarded = new List<Envelope>();
        var heldMeanwhile = false;

        routes.Release(Target, envelope =>
        {
            forwarded.Add(envelope);
            if (forwarded.Count == 1)
            {
                var late = Waits.Start("late sender", () =>
                    heldMeanwhile = routes.TryHold(Target, Numbered(Target, 1, 0), startWaiting: false));
                Waits.Joined(late, "the late sender finished");
            }
        });

        Assert.That(heldMeanwhile, Is.True, "an envelope sent during the release is held, not sent past the backlog");
        Assert.That(forwarded.Select(NumberOf), Is.EqualTo(new[] { (0, 0), (0, 1), (1, 0) }));
    }

    [Test]
    public void Release_WhileManyThreadsSend_NothingOvertakesAndNothingIsLost()
    {
        const int Senders = 3;
        const int PerSender = 5_000;
        const int Targets = 8;
        for (var t = 0; t < Targets; t++)
        {
            var target = new ActorId(1, (ulong)t);
            var routes = new PendingRoutes();
            routes.Expect(target);
            var forwarded = new List<(Envelope Envelope, bool ByRelease)>();
            var held = 0;
            using var start = new Barrier(Senders + 1);

            // A sender holds while the route is awaited, and otherwise sends straight away (as MultiprocNode does).
            var senders = Enumerable.Range(0, Senders).Select(s => Waits.Start($"sender {s}", () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < PerSender; i++)
                {
                    var envelope = Numbered(target, s, i);
                    if (routes.TryHold(target, envelope, startWaiting: false))
                    {
                        Interlocked.Increment(ref held);
                        continue;
                    }

                    lock (forwarded)
                    {
                        forwarded.Add((envelope, false));
                    }
                }
            })).ToList();

            start.SignalAndWait();
            Waits.Eventually(() => Volatile.Read(ref held) >= 300, "some envelopes were held before the route arrived");
            routes.Release(target, envelope =>
            {
                lock (forwarded)
                {
                    forwarded.Add((envelope, true));
                }
            });
            senders.ForEach(s => Waits.Joined(s, "the senders finished"));

            Assert.That(forwarded, Has.Count.EqualTo(Senders * PerSender), $"target {t}: every envelope was forwarded once");
            var sequences = forwarded.GroupBy(f => NumberOf(f.Envelope).Writer)
                                     .ToDictionary(g => g.Key, g => g.Select(f => NumberOf(f.Envelope).Sequence).ToList());
            for (var s = 0; s < Senders; s++)
            {
                Assert.That(sequences[s], Is.EqualTo(Enumerable.Range(0, PerSender)), $"target {t}: sender {s}'s order");
            }

            var firstDirect = forwarded.FindIndex(f => !f.ByRelease);
            var releasedLater = firstDirect < 0 ? 0 : forwarded.Skip(firstDirect).Count(f => f.ByRelease);
            Assert.That(releasedLater, Is.Zero,
                        $"target {t}: an envelope sent straight away overtook one the release still had to forward");
            Assert.That(forwarded.Count(f => f.ByRelease), Is.EqualTo(Volatile.Read(ref held)), $"target {t}: everything held was released");
        }
    }
}
