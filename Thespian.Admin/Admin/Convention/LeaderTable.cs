using Thespian.Multiproc;

namespace Thespian.Admin.Admin.Convention;

/// <summary>
/// What an admin knows as a leader: the systems that check in with it, when each last did, and the version of the
/// table (it changes with every join, capability change and loss, so members fetch the table only when it changed).
/// Every admin keeps one: whoever checks in with an admin makes it a leader, listed or not (as in Python).
/// Not thread-safe: the admin's loop owns it.
/// </summary>
internal sealed class LeaderTable(long startedAt)
{
    private readonly Dictionary<ActorId, Entry> _members = [];

    /// <summary>The table's version (starts at a random value, so a restarted leader never repeats an old one).</summary>
    public long Version { get; private set; } = Random.Shared.NextInt64(1, long.MaxValue / 2);

    /// <summary>The members, in the order they joined.</summary>
    public IReadOnlyList<ConventionMemberInfo> Members => _members.Values.OrderBy(e => e.Joined).Select(e => e.Info).ToArray();

    /// <summary>Whether any system checks in with this admin.</summary>
    public bool HasMembers => _members.Count > 0;

    /// <summary>Whether this leader has run long enough for every live member to have checked in (one loss period).</summary>
    public bool IsSettled(long now, TimeSpan period) => now - startedAt >= (long)(period.TotalMilliseconds * 1.5);

    /// <summary>A member checked in: returns whether the table changed (it joined, or its capabilities or endpoint did).</summary>
    public bool CheckIn(ConventionMemberInfo member, TimeSpan memberLossAfter, long now)
    {
        if (_members.TryGetValue(member.Admin.Id, out var known))
        {
            known.LastCheckIn = now;
            known.LossAfter = memberLossAfter;
            if (known.Info.Endpoint == member.Endpoint && Truthiness.SameCapabilities(known.Info.Capabilities, member.Capabilities))
            {
                return false;
            }

            known.Info = member;
            Version++;
            return true;
        }

        // A system that restarted on the same endpoint has a new admin address: the old one is gone.
        foreach (var stale in _members.Values.Where(e => e.Info.Endpoint == member.Endpoint).ToArray())
        {
            _members.Remove(stale.Info.Admin.Id);
        }

        _members[member.Admin.Id] = new Entry(member, now, memberLossAfter);
        Version++;
        return true;
    }

    /// <summary>Removes a member (it left, was de-registered, or could not be reached); returns it if it was there.</summary>
    public ConventionMemberInfo? Remove(ActorId admin)
    {
        if (!_members.Remove(admin, out var entry))
        {
            return null;
        }

        Version++;
        return entry.Info;
    }

    /// <summary>Something members are told about changed (this leader's own capabilities): a new version.</summary>
    public void Touch() => Version++;

    /// <summary>Removes and returns the members whose silence has lasted longer than their loss period.</summary>
    public IReadOnlyList<ConventionMemberInfo> RemoveSilent(long now)
    {
        var silent = _members.Values.Where(e => now - e.LastCheckIn > (long)e.LossAfter.TotalMilliseconds).ToArray();
        foreach (var entry in silent)
        {
            Remove(entry.Info.Admin.Id);
        }

        return silent.Select(e => e.Info).ToArray();
    }

    /// <summary>When each member last checked in (for the status report).</summary>
    public long? LastCheckIn(ActorId admin) => _members.TryGetValue(admin, out var entry) ? entry.LastCheckIn : null;

    private sealed class Entry(ConventionMemberInfo info, long now, TimeSpan lossAfter)
    {
        public ConventionMemberInfo Info { get; set; } = info;

        public long Joined { get; } = now;

        public long LastCheckIn { get; set; } = now;

        public TimeSpan LossAfter { get; set; } = lossAfter;
    }
}
