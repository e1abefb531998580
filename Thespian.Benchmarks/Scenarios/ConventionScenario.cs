using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;
using Thespian.Benchmarks.Scenarios.Convention;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (i) Conventions on a multiproc base (run on request only: <c>--scenario convention</c>). Three systems on this host:
/// a leader without the capability "dog" and two members with it that check in with the leader. From the leader's
/// application: CreateActor of an actor the leader runs, and of a <see cref="DogEcho"/> the leader places on a member;
/// Ask round trips to an echo on the leader and to a dog on a member; then the first member's admin is killed and the
/// time until the leader no longer lists it is measured. Then three more systems: two leaders (every system lists both)
/// and a member; the first leader's admin is killed and the time until the member follows the second is measured.
/// Check-ins and losses use the defaults (every 1 s; lost after 3 silent periods).
/// </summary>
internal sealed class ConventionScenario : IScenario
{
    private static readonly Dictionary<string, object?> Dog = new() { ["dog"] = true };

    public string Name => "convention";

    public string Title => "(i) conventions: CreateActor placed on a member, asks across systems, a killed member noticed, leader failover";

    public void Run(ScenarioContext context)
    {
        MeasureWithOneLeader(context);
        MeasureFailover(context);
    }

    private void MeasureWithOneLeader(ScenarioContext context)
    {
        var options = context.Options;
        using var group = new ConventionGroup(options.Base);
        var leaderPort = group.FreePort();
        var leader = group.Start(leaderPort, []);
        var first = group.Start(group.FreePort(), [leaderPort], Dog);
        var second = group.Start(group.FreePort(), [leaderPort], Dog);
        ConventionStatus.WaitForMembers(leader.System, leader.System.SystemAddress, first.System, second.System);

        var (local, remote) = PlacementTimes.Measure(group, leader.System, options.ConventionCreates);
        ReportCreates(context, local, remote);

        var echo = leader.System.CreateActor<ProcessEcho>();
        var dog = DogPlacement.CreateOn(leader, first);
        group.WaitUntilQuiet(new Dictionary<SystemLease, int> { [leader] = 1, [first] = 1 });
        var (localAsks, remoteAsks) = AskTimes.Measure(options, leader.System, echo, dog, options.ConventionAsks);
        ReportAsks(context, localAsks, remoteAsks);

        group.WaitUntilQuiet(new Dictionary<SystemLease, int> { [leader] = 1, [first] = 1 });
        var lost = MembershipTimes.UntilLost(leader, first);
        context.Report(new Figure(Name, $"{Name}.loss", "a member killed (SIGKILL of its admin): until the leader no longer lists it",
                                  lost, "ms", [lost])
        {
            Goal = Goal.AtMost(5000, "≤ 5000 ms"),
            Note = $"one kill; the leader's status asked every {MembershipTimes.PollInterval.TotalMilliseconds:0} ms; " +
                   "check-ins every 1 s, lost after 3 silent periods (the defaults)",
        });
    }

    private void MeasureFailover(ScenarioContext context)
    {
        using var group = new ConventionGroup(context.Options.Base);
        int[] leaderPorts = [group.FreePort(), group.FreePort()];
        var first = group.Start(leaderPorts[0], leaderPorts);
        var second = group.Start(leaderPorts[1], leaderPorts);
        var member = group.Start(group.FreePort(), leaderPorts);
        ConventionStatus.WaitForMembers(member.System, first.System.SystemAddress, first.System, second.System);
        ConventionStatus.WaitForMembers(second.System, first.System.SystemAddress, first.System, member.System);
        group.WaitUntilQuiet();

        var failover = MembershipTimes.UntilFailover(member, first, second);
        context.Report(new Figure(Name, $"{Name}.failover", "the first of two leaders killed: until a member follows the second",
                                  failover, "ms", [failover])
        {
            Goal = Goal.AtMost(5000, "≤ 5000 ms"),
            Note = $"one kill; every system lists both leaders; the member's status asked every {MembershipTimes.PollInterval.TotalMilliseconds:0} ms",
        });
    }

    private void ReportCreates(ScenarioContext context, double[] local, double[] remote)
    {
        var n = local.Length;
        var localP50 = Percentile(context, "create.local", $"CreateActor p50 on the leader, {n} one at a time (no requirements)", local, "ms",
                                  "every system at rest (warm pools refilled) before each create; samples: every create in order");
        var remoteP50 = Percentile(context, "create.remote", $"CreateActor p50 of a \"dog\" actor from the leader (placed on a member), {n}",
                                   remote, "ms", "in turn with the local creates; the leader refuses it and places it on one of two members with \"dog\"");
        var ratio = remoteP50 / localP50;
        context.Report(new Figure(Name, $"{Name}.create.ratio", "  remote ÷ local CreateActor p50", ratio, "×", [ratio])
        {
            Goal = Goal.AtMost(1.5, "≤ 1.5×"),
        });
    }

    private void ReportAsks(ScenarioContext context, double[][] local, double[][] remote)
    {
        var n = local[0].Length;
        var localP50 = context.Report("ask.local.p50", $"Ask p50 from the leader's application to an echo on the leader, {ScenarioContext.Count(n)} asks",
                                      local.Select(r => Stats.Percentile(r, 50)), "µs").Value;
        var remoteP50 = context.Report("ask.remote.p50", $"Ask p50 from the leader's application to a \"dog\" echo on a member, {ScenarioContext.Count(n)} asks",
                                       remote.Select(r => Stats.Percentile(r, 50)), "µs",
                                       note: "the placed actor's address routes straight to its process on the member").Value;
        context.Report("ask.local.p99", "  Ask p99 to the echo on the leader", local.Select(r => Stats.Percentile(r, 99)), "µs");
        context.Report("ask.remote.p99", "  Ask p99 to the dog on a member", remote.Select(r => Stats.Percentile(r, 99)), "µs");
        var ratio = remoteP50 / localP50;
        context.Report(new Figure(Name, $"{Name}.ask.ratio", "  remote ÷ local Ask p50", ratio, "×",
                                  local.Zip(remote, (l, r) => Stats.Percentile(r, 50) / Stats.Percentile(l, 50)).ToArray())
        {
            Goal = Goal.AtMost(1.2, "≤ 1.2×"),
            Note = "the ratio of the medians of each repetition's p50; samples: each repetition's ratio",
        });
    }

    /// <summary>Reports the p50 and p99 of <paramref name="samples"/> (in order); returns the p50.</summary>
    private double Percentile(ScenarioContext context, string key, string name, double[] samples, string unit, string note)
    {
        var sorted = samples.Order().ToArray();
        var p50 = Stats.Percentile(sorted, 50);
        context.Report(new Figure(Name, $"{Name}.{key}.p50", name, p50, unit, samples) { Note = note });
        context.Report(new Figure(Name, $"{Name}.{key}.p99", "  p99 of the same", Stats.Percentile(sorted, 99), unit, samples));
        return p50;
    }
}
