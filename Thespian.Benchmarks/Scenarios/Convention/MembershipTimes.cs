using Thespian.Benchmarks.Infrastructure;

namespace Thespian.Benchmarks.Scenarios.Convention;

/// <summary>
/// How long a convention takes to notice that a system's admin died (SIGKILL, as a crash): from the kill until another
/// system's status says so, asked every <see cref="PollInterval"/>.
/// </summary>
internal static class MembershipTimes
{
    /// <summary>How often the observing system's status is asked for.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Kills <paramref name="member"/>'s admin; milliseconds until <paramref name="observer"/> no longer lists it.</summary>
    public static double UntilLost(SystemLease observer, SystemLease member)
    {
        var lost = member.System.SystemAddress;
        member.KillAdmin();
        return ConventionStatus.PollUntil(observer.System, s => !s.ConventionMembers.Contains(lost),
                                          $"{observer.System.SystemAddress} no longer lists the killed {lost}", PollInterval).TotalMilliseconds;
    }

    /// <summary>Kills <paramref name="leader"/>'s admin; milliseconds until <paramref name="member"/> follows <paramref name="next"/>.</summary>
    public static double UntilFailover(SystemLease member, SystemLease leader, SystemLease next)
    {
        var nextAddress = next.System.SystemAddress;
        leader.KillAdmin();
        return ConventionStatus.PollUntil(member.System, s => Equals(s.ConventionLeader, nextAddress),
                                          $"{member.System.SystemAddress} follows {nextAddress}", PollInterval).TotalMilliseconds;
    }
}
