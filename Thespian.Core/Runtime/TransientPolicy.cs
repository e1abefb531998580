using System.Reflection;

namespace Thespian.Runtime;

/// <summary>
/// When a transient actor type exits by itself (<see cref="TransientAttribute"/>, <see cref="TransientIdleAttribute"/>),
/// read once per type.
/// </summary>
/// <param name="ExitDelay">From the first message (or, when <paramref name="Idle"/>, from the last one) to the exit.</param>
/// <param name="Idle">Whether each message (not system messages) restarts the delay.</param>
internal sealed record TransientPolicy(TimeSpan ExitDelay, bool Idle)
{
    /// <summary>The type's policy, null when it is not transient; <paramref name="problem"/> says why it cannot be used.</summary>
    public static TransientPolicy? Of(Type type, out string? problem)
    {
        problem = null;
        var transient = type.GetCustomAttribute<TransientAttribute>(inherit: true);
        var idle = type.GetCustomAttribute<TransientIdleAttribute>(inherit: true);
        if (transient is not null && idle is not null)
        {
            problem = "it has both [Transient] and [TransientIdle]; give it one of them.";
            return null;
        }

        var seconds = transient?.ExitDelaySeconds ?? idle?.ExitDelaySeconds;
        if (seconds is not { } delay)
        {
            return null;
        }

        if (!TransientDelays.IsValid(delay))
        {
            problem = $"its [{(idle is null ? "Transient" : "TransientIdle")}] exit delay of {delay} seconds is not a time span of zero or more seconds.";
            return null;
        }

        return new TransientPolicy(TimeSpan.FromSeconds(delay), Idle: idle is not null);
    }
}
