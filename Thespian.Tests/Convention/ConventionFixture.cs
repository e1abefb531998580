using Thespian.Tests.Multiproc;

namespace Thespian.Tests.Convention;

/// <summary>
/// Several systems of one base on this host, each on its own admin port, joined into a convention by
/// "Convention Address.IPv4". Every process they start is checked at teardown (<see cref="MultiprocFixture"/>).
/// </summary>
public abstract class ConventionFixture(string systemBase) : MultiprocFixture
{
    /// <inheritdoc />
    protected override string SystemBaseName => systemBase;

    /// <summary>The admin endpoint of a system on this host started on <paramref name="port"/>.</summary>
    protected static string EndpointOf(int port) => $"127.0.0.1:{port}";

    /// <summary>Starts a system on <paramref name="port"/> that checks in with <paramref name="leaders"/> (none: it may lead).</summary>
    protected ActorSystem StartMember(int port, IReadOnlyList<int> leaders, IDictionary<string, object?>? capabilities = null)
    {
        // No warm pool: three or four systems per test would keep eight idle processes starting on two cores.
        var all = new Dictionary<string, object?>(capabilities ?? new Dictionary<string, object?>())
        {
            [CommonCapabilities.ProcessStartupMethod] = "spawn",
        };
        if (leaders.Count > 0)
        {
            all[CommonCapabilities.ConventionAddressIPv4] = string.Join(",", leaders.Select(EndpointOf));
        }

        return JoinSystem(port, all);
    }

    /// <summary>
    /// Starts a leader (listing no leaders) and members that list it, each with its capabilities, and waits until the
    /// leader sees every member.
    /// </summary>
    protected (ActorSystem Leader, int LeaderPort, ActorSystem[] Members) StartConvention(
        IDictionary<string, object?>? leaderCapabilities, params IDictionary<string, object?>?[] memberCapabilities)
    {
        var leaderPort = FreeAdminPort();
        var leader = StartMember(leaderPort, [], leaderCapabilities);
        var members = memberCapabilities.Select(capabilities => StartMember(FreeAdminPort(), [leaderPort], capabilities)).ToArray();
        MembersUntil(leader, leader.SystemAddress, members);
        return (leader, leaderPort, members);
    }

    /// <summary>The system's status.</summary>
    protected static ThespianSystemStatus StatusOf(ActorSystem system) =>
        AskFor<ThespianSystemStatus>(system, system.SystemAddress, new ThespianStatusRequest());

    /// <summary>Waits until the system's status satisfies <paramref name="condition"/>; returns that status.</summary>
    protected static ThespianSystemStatus StatusUntil(ActorSystem system, Func<ThespianSystemStatus, bool> condition, string what)
    {
        ThespianSystemStatus? last = null;
        var met = SpinWait.SpinUntil(() =>
        {
            last = StatusOf(system);
            if (condition(last))
            {
                return true;
            }

            Thread.Sleep(50);
            return false;
        }, LongPatience);
        Assert.That(met, Is.True, $"within {LongPatience.TotalSeconds} s: {what}; last status: leader {last?.ConventionLeader}, " +
                                  $"members [{string.Join(", ", last?.ConventionMembers ?? [])}]");
        return last!;
    }

    /// <summary>Waits until <paramref name="system"/> sees exactly <paramref name="others"/> as the other systems of its convention.</summary>
    protected static ThespianSystemStatus MembersUntil(ActorSystem system, ActorAddress? leader, params ActorSystem[] others) =>
        StatusUntil(system,
                    s => s.ConventionLeader == leader &&
                         s.ConventionMembers.OrderBy(a => a.ToString()).SequenceEqual(others.Select(o => o.SystemAddress).OrderBy(a => a.ToString())),
                    $"leader {leader} and members [{string.Join(", ", others.Select(o => o.SystemAddress))}]");

    /// <summary>The admin process of a system (tracked for teardown).</summary>
    protected int AdminPidOf(ActorSystem system)
    {
        var pid = BaseOf(system).AdminProcessId;
        Track(pid);
        return pid;
    }

    /// <summary>The processes of a system's admin and hosts.</summary>
    protected IReadOnlyList<int> ProcessesOfSystem(ActorSystem system)
    {
        var reply = TrackProcessesOf(system);
        return [reply.AdminProcessId, .. reply.HostProcessIds];
    }
}
