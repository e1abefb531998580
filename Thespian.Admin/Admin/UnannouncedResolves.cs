namespace Thespian.Admin.Admin;

/// <summary>
/// Resolve requests for actors the admin has not heard of yet. An actor's creator announces a new actor to the admin
/// and may hand its address to someone else at once; that someone's resolve request travels on another connection and
/// can reach the admin's loop first. So an address the admin has never seen is not refused at once: its resolves wait
/// (up to <see cref="Grace"/>: the race is between two of the admin's receiving threads, so it is short) for the create that announces it. An address whose actor has ended is refused at once —
/// the admin remembers the most recent <see cref="EndedCapacity"/> of them. Used on the admin's loop only.
/// </summary>
internal sealed class UnannouncedResolves
{
    /// <summary>How long a resolve for an address never seen waits for the actor to be announced.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    /// <summary>How many ended actors' addresses are remembered (16 bytes each, twice).</summary>
    public const int EndedCapacity = 65_536;

    private readonly Dictionary<ActorId, List<Waiter>> _waiting = [];
    private readonly HashSet<ActorId> _ended = [];
    private readonly Queue<ActorId> _endedInOrder = new();

    /// <summary>Whether the actor at <paramref name="id"/> is known to have ended (so a resolve is refused at once).</summary>
    public bool HasEnded(ActorId id) => _ended.Contains(id);

    /// <summary>
    /// Parks a resolve for an address not yet announced; true when it is the first for that address (the caller then
    /// refuses what is still parked after <see cref="Grace"/>, via <see cref="Take"/>).
    /// </summary>
    public bool Park(ActorId id, Waiter waiter)
    {
        if (_waiting.TryGetValue(id, out var waiters))
        {
            waiters.Add(waiter);
            return false;
        }

        _waiting[id] = [waiter];
        return true;
    }

    /// <summary>
    /// Takes the resolves parked for an address (none: empty): to answer once the actor is announced, or to refuse once
    /// the grace has passed.
    /// </summary>
    public IReadOnlyList<Waiter> Take(ActorId id) => _waiting.Remove(id, out var waiters) ? waiters : [];

    /// <summary>The actor at <paramref name="id"/> has ended.</summary>
    public void Ended(ActorId id)
    {
        if (!_ended.Add(id))
        {
            return;
        }

        _endedInOrder.Enqueue(id);
        if (_endedInOrder.Count > EndedCapacity)
        {
            _ended.Remove(_endedInOrder.Dequeue());
        }
    }
}
