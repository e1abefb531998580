using Thespian.Multiproc;

namespace Thespian.Admin.Admin.Convention;

/// <summary>
/// What an admin knows of the leaders it checks in with: for each endpoint (in order of preference), whether it is this
/// admin itself, when it last answered, whether it is reachable, and its latest table. The current leader is the first
/// live one whose table is settled (a leader that has just started is passed over while another can serve, so a member
/// that has not checked in with it yet does not look lost). Not thread-safe: the admin's loop owns it.
/// </summary>
internal sealed class LeaderLinks
{
    private readonly List<Link> _links = [];

    /// <summary>The endpoints checked in with, in order of preference.</summary>
    public IReadOnlyList<string> Endpoints => _links.Select(l => l.Endpoint).ToArray();

    /// <summary>Whether any leader is listed (or invited this admin).</summary>
    public bool Any => _links.Count > 0;

    /// <summary>Sets the listed leaders (keeping what is known of those that stay); invited leaders follow the listed ones.</summary>
    public void SetListed(IReadOnlyList<string> endpoints)
    {
        var invited = _links.Where(l => l.Invited && !endpoints.Contains(l.Endpoint)).ToArray();
        var kept = endpoints.Select(e => _links.FirstOrDefault(l => l.Endpoint == e) is { } known ? known with { Invited = false } : new Link(e));
        var all = kept.Concat(invited).ToArray();
        _links.Clear();
        _links.AddRange(all);
    }

    /// <summary>A leader invited this admin (pre-registration): check in with it too. Returns whether it is new.</summary>
    public bool Invite(string endpoint)
    {
        if (_links.Any(l => l.Endpoint == endpoint))
        {
            return false;
        }

        _links.Add(new Link(endpoint) { Invited = true });
        return true;
    }

    /// <summary>An inviting leader withdrew its invitation: stop checking in with it (a listed leader stays).</summary>
    public bool Withdraw(string endpoint) => _links.RemoveAll(l => l.Endpoint == endpoint && l.Invited) > 0;

    /// <summary>The leaders to check in with now: not this admin, and not one whose previous check-in is still unanswered.</summary>
    public IReadOnlyList<string> DueForCheckIn() =>
        _links.Where(l => !l.IsSelf && !l.Outstanding).Select(l => l.Endpoint).ToArray();

    /// <summary>A check-in to <paramref name="endpoint"/> has been sent.</summary>
    public void Sent(string endpoint) => Update(endpoint, l => l with { Outstanding = true });

    /// <summary>The leader at <paramref name="endpoint"/> answered; returns whether what the view is made of changed.</summary>
    public bool Answered(string endpoint, ConventionTable table, ActorAddress self, long now)
    {
        var before = Find(endpoint);
        if (before is null)
        {
            return false;
        }

        if (table.Leader.Admin == self)
        {
            Update(endpoint, l => l with { IsSelf = true, Outstanding = false, Alive = false, Table = null });
            return true;
        }

        var members = table.Members ?? (before.Table?.Leader.Admin == table.Leader.Admin ? before.Table.Members : null);
        var merged = table with { Members = members ?? [] };
        Update(endpoint, l => l with { Outstanding = false, Alive = true, LastAnswer = now, Table = merged });
        return !before.Alive || before.Table is null || before.Table.Version != table.Version ||
               before.Table.Leader.Admin != table.Leader.Admin || before.Table.Settled != table.Settled;
    }

    /// <summary>A leader pushed its changed table; returns whether it was taken (it must be a leader this admin checks in with).</summary>
    public bool Pushed(ConventionTable table, ActorAddress self, long now) =>
        table.Members is not null &&
        _links.FirstOrDefault(l => l.Table?.Leader.Admin == table.Leader.Admin) is { } link &&
        Answered(link.Endpoint, table, self, now);

    /// <summary>The version of the leader's table this admin holds (0 when none).</summary>
    public long KnownVersion(string endpoint) => Find(endpoint)?.Table?.Version ?? 0;

    /// <summary>A check-in found nobody (the connection failed): the leader is lost at once.</summary>
    public bool Unreachable(string endpoint)
    {
        var before = Find(endpoint);
        Update(endpoint, l => l with { Outstanding = false, Alive = false });
        return before is { Alive: true };
    }

    /// <summary>A check-in got no answer in time: no longer outstanding (the next one may go).</summary>
    public void NoAnswer(string endpoint) => Update(endpoint, l => l with { Outstanding = false });

    /// <summary>The leader (by admin address) said it is leaving: lost at once.</summary>
    public bool Left(ActorAddress admin)
    {
        var changed = false;
        foreach (var link in _links.Where(l => l.Alive && l.Table?.Leader.Admin == admin).ToArray())
        {
            Update(link.Endpoint, l => l with { Alive = false });
            changed = true;
        }

        return changed;
    }

    /// <summary>Marks leaders silent for longer than <paramref name="lossAfter"/> as lost; returns whether any was.</summary>
    public bool ExpireSilent(long now, TimeSpan lossAfter)
    {
        var changed = false;
        foreach (var link in _links.Where(l => l.Alive && now - l.LastAnswer > (long)lossAfter.TotalMilliseconds).ToArray())
        {
            Update(link.Endpoint, l => l with { Alive = false });
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// The current leader: this admin itself (null table) when it comes first among the live leaders, else the first
    /// live leader with a settled table (or, when none is settled, the first live one); none when no leader is live.
    /// </summary>
    public CurrentLeader? Current()
    {
        var live = _links.Where(l => l.IsSelf || l.Alive).ToArray();
        var chosen = live.FirstOrDefault(l => l.IsSelf || l.Table!.Settled) ?? live.FirstOrDefault();
        return chosen is null ? null : new CurrentLeader(chosen.Endpoint, chosen.IsSelf ? null : chosen.Table);
    }

    /// <summary>When this admin last heard from the leader at an endpoint (for the status report).</summary>
    public long? LastAnswer(string endpoint) => Find(endpoint) is { Alive: true } link ? link.LastAnswer : null;

    private Link? Find(string endpoint) => _links.FirstOrDefault(l => l.Endpoint == endpoint);

    private void Update(string endpoint, Func<Link, Link> change)
    {
        var index = _links.FindIndex(l => l.Endpoint == endpoint);
        if (index >= 0)
        {
            _links[index] = change(_links[index]);
        }
    }

    private sealed record Link(string Endpoint)
    {
        public bool IsSelf { get; init; }

        public bool Invited { get; init; }

        public bool Outstanding { get; init; }

        public bool Alive { get; init; }

        public long LastAnswer { get; init; }

        public ConventionTable? Table { get; init; }
    }
}

/// <summary>The leader an admin follows: its endpoint, and its table (null when the admin leads itself).</summary>
internal sealed record CurrentLeader(string Endpoint, ConventionTable? Table);
