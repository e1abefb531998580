using System.Diagnostics;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// Tells a stranger from a sender that is merely unlucky. Data for a session this process does not hold is ordinary under
/// loss — it overtook a lost hello (the sender sends the hello again within its retransmission timeout), or it straggles
/// behind a session that just ended (the sender stops when it hears the reset) — so the first datagrams of an unknown
/// session are answered with a reset and not reported. A session still unknown after <see cref="Grace"/> of datagrams is
/// a stranger (it never says hello, or ignores resets): reported, at most once per grace period per session (and the
/// transport's reports are rate-limited besides). Bounded; used under the receive path only.
/// </summary>
internal sealed class UnknownSessions
{
    /// <summary>How long a session may stay unknown before its datagrams are reported.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private const int Capacity = 256;
    private static readonly long GraceTicks = (long)(Grace.TotalSeconds * Stopwatch.Frequency);
    private readonly Dictionary<ulong, long> _firstSeen = [];

    /// <summary>A datagram of unknown <paramref name="session"/> arrived at <paramref name="now"/>: whether to report it.</summary>
    public bool ShouldReport(ulong session, long now)
    {
        if (_firstSeen.TryGetValue(session, out var first))
        {
            if (now - first < GraceTicks)
            {
                return false;
            }

            _firstSeen[session] = now;
            return true;
        }

        if (_firstSeen.Count >= Capacity)
        {
            Prune(now);
        }

        _firstSeen[session] = now;
        return false;
    }

    /// <summary>The session said hello: it is known now.</summary>
    public void Forget(ulong session) => _firstSeen.Remove(session);

    /// <summary>Forgets sessions not seen for long (all of them, if a flood filled the table with fresh ones).</summary>
    private void Prune(long now)
    {
        foreach (var (session, first) in _firstSeen)
        {
            if (now - first >= 10 * GraceTicks)
            {
                _firstSeen.Remove(session);
            }
        }

        if (_firstSeen.Count >= Capacity)
        {
            _firstSeen.Clear();
        }
    }
}
