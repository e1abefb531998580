using System.Diagnostics;

namespace Thespian.Benchmarks.Infrastructure;

/// <summary>What a system says of its convention (its <see cref="ThespianSystemStatus"/>), and waits on it.</summary>
internal static class ConventionStatus
{
    /// <summary>How long a convention may take to form, or to notice a change, before the scenario fails.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The system's status, asked of <see cref="ActorSystem.SystemAddress"/>.</summary>
    public static ThespianSystemStatus Of(ActorSystem system) =>
        ScenarioContext.Ask<ThespianSystemStatus>(system, system.SystemAddress, new ThespianStatusRequest());

    /// <summary>
    /// Asks for the status every <paramref name="interval"/> until <paramref name="condition"/> holds; returns how long
    /// that took from the call. Fails the scenario (with the last status) after <see cref="Limit"/>.
    /// </summary>
    public static TimeSpan PollUntil(ActorSystem system, Func<ThespianSystemStatus, bool> condition, string what, TimeSpan interval)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var status = Of(system);
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (condition(status))
            {
                return elapsed;
            }

            if (elapsed > Limit)
            {
                throw new InvalidOperationException(
                    $"Not within {Limit.TotalSeconds:0} s: {what}. Last status: leader {status.ConventionLeader?.ToString() ?? "none"}, " +
                    $"members [{string.Join(", ", status.ConventionMembers)}].");
            }

            Thread.Sleep(interval);
        }
    }

    /// <summary>Waits (polling every 50 ms) until the system sees <paramref name="leader"/> leading and <paramref name="members"/> among the members.</summary>
    public static void WaitForMembers(ActorSystem system, ActorAddress leader, params ActorSystem[] members) =>
        PollUntil(system,
                  s => Equals(s.ConventionLeader, leader) && members.All(m => s.ConventionMembers.Contains(m.SystemAddress)),
                  $"{system.SystemAddress} sees {leader} leading and [{string.Join(", ", members.Select(m => m.SystemAddress))}] as members",
                  TimeSpan.FromMilliseconds(50));
}
