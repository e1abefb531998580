using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Admin.Admin;

/// <summary>
/// Creates waiting for one thing to come back (a name's claim, a pulled source), by its key: the first create starts
/// the wait, later ones join it, and all are taken together when it ends. Not thread-safe: the admin's loop owns it.
/// </summary>
internal sealed class PendingCreates
{
    private readonly Dictionary<string, List<(CreateActorRequest Request, Envelope Envelope)>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Adds the create to the wait for <paramref name="key"/>; returns true when it is the first (the caller starts the wait).</summary>
    public bool Add(string key, CreateActorRequest request, Envelope envelope)
    {
        if (_waiting.TryGetValue(key, out var waiting))
        {
            waiting.Add((request, envelope));
            return false;
        }

        _waiting[key] = [(request, envelope)];
        return true;
    }

    /// <summary>Whether creates wait for <paramref name="key"/>.</summary>
    public bool IsWaiting(string key) => _waiting.ContainsKey(key);

    /// <summary>Takes every create that waited for <paramref name="key"/> (none when nothing did).</summary>
    public IReadOnlyList<(CreateActorRequest Request, Envelope Envelope)> Take(string key) =>
        _waiting.Remove(key, out var waiting) ? waiting : [];
}
