using System.Diagnostics;
using static Thespian.Tests.Peer.PeerOutput;

namespace Thespian.Tests.Peer;

/// <summary>
/// A system of a convention whose members run in other processes, on other hosts or in other network namespaces
/// (Thespian.Tests/Convention/NamespaceConventionTests.cs). Its capabilities ("Convention Address.IPv4", "dog") come
/// from the command line. <see cref="Lead"/> is the leader's part, <see cref="Serve"/> a member's. Both print what they
/// find as "key=value" lines and never judge: the test does. The caller shuts the system down afterwards.
/// </summary>
internal sealed class ConventionNode(ActorSystem system)
{
    /// <summary>The wait for the convention to form, and for one answer (never a measure of speed).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>How long the blocked dog is waited for: it is expected not to answer at all.</summary>
    private static readonly TimeSpan BlockedPatience = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The leader's part: waits until its status names itself leader with at least <paramref name="members"/> members
    /// ("members.count=", "members.list="), then creates <paramref name="dogs"/> <see cref="PlacedDog"/> actors, which
    /// this system refuses (it has no "dog") and so places on members; asks each where it runs and to answer a word
    /// ("dogN.pid=", "dogN.base-ip=", "dogN.netns=", "dogN.answer="). Prints where it runs itself ("leader.netns=",
    /// "leader.base-ip="). Returns whether every phase ran to its end.
    /// </summary>
    public bool Lead(int members, int dogs)
    {
        Print("leader.netns", ProcessPlace.Namespace);
        Print("leader.base-ip", ProcessPlace.BaseAddress);
        var completed = Phase("members", () => AwaitMembers(members));
        for (var i = 0; completed && i < dogs; i++)
        {
            var name = $"dog{i}";
            completed &= Phase(name, () => CreateAndAsk(name, system.CreateActor<PlacedDog>()));
        }

        return completed;
    }

    /// <summary>
    /// The leader's part of the routing test: waits for three members, then creates a <see cref="RoutedDog"/> (placed on the
    /// member with "Admin Routing"), an <see cref="OutboundDog"/> (on the "Outbound Only" member) and a
    /// <see cref="BlockedDog"/> (on the member behind the same firewall as the routed one, without routing); asks the
    /// first two where they run and to answer ("routed.*", "outbound.*" as in <see cref="Lead"/>), asks the blocked one once
    /// with a short wait ("blocked.answer=", "nothing (timed out)" when the firewall held it back), and has the routed and
    /// the outbound dog ask each other ("routed-to-outbound.answer=", "outbound-to-routed.answer=").
    /// </summary>
    public bool LeadRouted()
    {
        Print("leader.netns", ProcessPlace.Namespace);
        Print("leader.base-ip", ProcessPlace.BaseAddress);
        ActorAddress? routed = null, outbound = null;
        var completed = Phase("members", () => AwaitMembers(3))
                        && Phase("routed", () => routed = CreateAndAsk("routed", system.CreateActor<RoutedDog>()))
                        && Phase("outbound", () => outbound = CreateAndAsk("outbound", system.CreateActor<OutboundDog>()));
        completed = completed && Phase("blocked", () =>
        {
            var blocked = system.CreateActor<BlockedDog>();
            Print("blocked.answer", Describe(system.Ask(blocked, "woof", BlockedPatience)));
        });
        completed = completed && Phase("routed-to-outbound", () => Print("routed-to-outbound.answer", AskFor<string>(routed!, new RelayWoof(outbound!))));
        completed = completed && Phase("outbound-to-routed", () => Print("outbound-to-routed.answer", AskFor<string>(outbound!, new RelayWoof(routed!))));
        return completed;
    }

    /// <summary>
    /// A member's part: waits until its status names a leader other than itself ("joined.leader="), then until its
    /// standard input closes ("stop=stdin-closed"): the test's word to stop. Prints where it runs ("member.netns=",
    /// "member.base-ip="). Returns whether it joined.
    /// </summary>
    public bool Serve()
    {
        Print("member.netns", ProcessPlace.Namespace);
        Print("member.base-ip", ProcessPlace.BaseAddress);
        var joined = Phase("joined", () =>
        {
            var status = StatusUntil(s => s.ConventionLeader is { } leader && leader != system.SystemAddress, "a leader other than itself");
            Print("joined.leader", status.ConventionLeader!);
        });
        Console.Out.Flush();
        Console.In.ReadToEnd();
        Print("stop", "stdin-closed");
        return joined;
    }

    private void AwaitMembers(int count)
    {
        var status = StatusUntil(s => s.ConventionLeader == system.SystemAddress && s.ConventionMembers.Count >= count,
                                 $"itself as leader and {count} members");
        Print("members.count", status.ConventionMembers.Count);
        Print("members.list", string.Join(',', status.ConventionMembers));
    }

    private ActorAddress CreateAndAsk(string name, ActorAddress dog)
    {
        Print($"{name}.address", dog);
        Print($"{name}.pid", AskFor<int>(dog, "pid"));
        Print($"{name}.base-ip", AskFor<string>(dog, "base-ip"));
        Print($"{name}.netns", AskFor<string>(dog, "netns"));
        Print($"{name}.answer", AskFor<string>(dog, "woof"));
        return dog;
    }

    /// <summary>Asks the system's status until <paramref name="condition"/> holds; throws after <see cref="Patience"/>.</summary>
    private ThespianSystemStatus StatusUntil(Func<ThespianSystemStatus, bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        ThespianSystemStatus? last = null;
        while (watch.Elapsed < Patience)
        {
            last = system.Ask(system.SystemAddress, new ThespianStatusRequest(), Patience) as ThespianSystemStatus;
            if (last is not null && condition(last))
            {
                return last;
            }

            Thread.Sleep(StatusInterval);
        }

        throw new TimeoutException($"No status showed {what} within {Patience.TotalSeconds:0} s; the last showed leader " +
                                   $"{last?.ConventionLeader?.ToString() ?? "none"} and members [{string.Join(", ", last?.ConventionMembers ?? [])}].");
    }

    /// <summary>Asks and expects a <typeparamref name="T"/>.</summary>
    private T AskFor<T>(ActorAddress actor, object message)
    {
        var answer = system.Ask(actor, message, Patience);
        return answer is T typed
            ? typed
            : throw new InvalidOperationException($"Asked {Describe(message)}, expected a {typeof(T).Name}, got {Describe(answer)}.");
    }
}
