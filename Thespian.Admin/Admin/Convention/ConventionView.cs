using Thespian.Multiproc;

namespace Thespian.Admin.Admin.Convention;

/// <summary>
/// The convention as one admin sees it: its current leader (itself, another system, or none) and every other system
/// in it, leader included. What registered actors are told, what status reports, and where creates may go.
/// </summary>
/// <param name="Leader">The current leader's admin address; null outside a convention.</param>
/// <param name="Others">Every other system of the convention, in a stable order (the leader first when it is another).</param>
internal sealed record ConventionView(ActorAddress? Leader, IReadOnlyList<ConventionMemberInfo> Others)
{
    /// <summary>Outside any convention.</summary>
    public static readonly ConventionView None = new(null, []);

    /// <summary>
    /// The view from <paramref name="self"/>: with no leader, none; leading itself, the members of its own table; else
    /// the followed leader and the members of its table, without this admin.
    /// </summary>
    public static ConventionView From(ActorAddress self, CurrentLeader? current, LeaderTable own)
    {
        if (current is null)
        {
            return own.HasMembers ? new ConventionView(self, own.Members) : None;
        }

        if (current.Table is not { } table)
        {
            return new ConventionView(self, own.Members);
        }

        var others = new List<ConventionMemberInfo> { table.Leader };
        others.AddRange((table.Members ?? []).Where(m => m.Admin != self && m.Admin != table.Leader.Admin));
        return new ConventionView(table.Leader.Admin, others);
    }

    /// <summary>
    /// What changed from <paramref name="before"/> to <paramref name="after"/>, as the updates registered actors get:
    /// each system that joined or whose capabilities changed (added), and each that is gone (not added).
    /// </summary>
    public static IReadOnlyList<(ConventionMemberInfo Member, bool Added)> Changes(ConventionView before, ConventionView after)
    {
        var changes = new List<(ConventionMemberInfo, bool)>();
        var old = before.Others.ToDictionary(m => m.Admin.Id);
        var now = after.Others.ToDictionary(m => m.Admin.Id);
        foreach (var gone in before.Others.Where(m => !now.ContainsKey(m.Admin.Id)))
        {
            changes.Add((gone, false));
        }

        foreach (var member in after.Others)
        {
            if (!old.TryGetValue(member.Admin.Id, out var was) || !Truthiness.SameCapabilities(was.Capabilities, member.Capabilities))
            {
                changes.Add((member, true));
            }
        }

        return changes;
    }

    /// <summary>The member with this admin address, if it is in the view.</summary>
    public ConventionMemberInfo? Find(ActorId admin) => Others.FirstOrDefault(m => m.Admin.Id == admin);
}
