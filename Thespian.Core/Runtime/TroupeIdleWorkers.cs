namespace Thespian.Runtime;

/// <summary>
/// A troupe's idle workers with the time each became idle. Work goes to the worker that became idle last (its process is
/// the warmest), so under a steady load the same workers keep working and the spare ones age until they retire.
/// </summary>
internal sealed class TroupeIdleWorkers
{
    private readonly LinkedList<(ActorAddress Worker, long Since)> _idle = new();

    /// <summary>How many workers are idle.</summary>
    public int Count => _idle.Count;

    /// <summary>Whether the worker is idle.</summary>
    public bool Contains(ActorAddress worker) => Find(worker) is not null;

    /// <summary>The idle workers, the longest idle first.</summary>
    public IReadOnlyCollection<ActorAddress> Workers => _idle.Select(entry => entry.Worker).ToList();

    /// <summary>Records a worker as idle from <paramref name="now"/> (milliseconds, <see cref="Environment.TickCount64"/>).</summary>
    public void Add(ActorAddress worker, long now)
    {
        if (!Contains(worker))
        {
            _idle.AddLast((worker, now));
        }
    }

    /// <summary>Forgets a worker (it is busy again, or gone).</summary>
    public void Remove(ActorAddress worker)
    {
        if (Find(worker) is { } node)
        {
            _idle.Remove(node);
        }
    }

    /// <summary>Takes the worker that became idle last.</summary>
    public bool TryTakeMostRecent(out ActorAddress worker)
    {
        if (_idle.Last is not { } last)
        {
            worker = null!;
            return false;
        }

        _idle.RemoveLast();
        worker = last.Value.Worker;
        return true;
    }

    /// <summary>Takes the worker idle longest, whatever its age (to shed workers beyond the maximum).</summary>
    public bool TryTakeLongestIdle(out ActorAddress worker)
    {
        if (_idle.First is not { } first)
        {
            worker = null!;
            return false;
        }

        _idle.RemoveFirst();
        worker = first.Value.Worker;
        return true;
    }

    /// <summary>
    /// Takes the longest idle worker when more than <paramref name="keep"/> are idle and, by <paramref name="now"/>, both it
    /// and the troupe (no work arrived or finished since <paramref name="lastActivity"/>) have been idle at least
    /// <paramref name="graceMs"/> (all in milliseconds of <see cref="Environment.TickCount64"/>).
    /// </summary>
    public bool TryTakeExpired(int keep, long now, long lastActivity, long graceMs, out ActorAddress worker)
    {
        if (MillisecondsUntilNextExpiry(keep, now, lastActivity, graceMs) == 0)
        {
            worker = _idle.First!.Value.Worker;
            _idle.RemoveFirst();
            return true;
        }

        worker = null!;
        return false;
    }

    /// <summary>
    /// How long until the next spare worker (beyond <paramref name="keep"/>) may retire (see <see cref="TryTakeExpired"/>),
    /// or null when no worker is spare.
    /// </summary>
    public long? MillisecondsUntilNextExpiry(int keep, long now, long lastActivity, long graceMs) =>
        _idle.Count > keep && _idle.First is { } first
            ? Math.Max(0, Math.Max(first.Value.Since, lastActivity) + graceMs - now)
            : null;

    private LinkedListNode<(ActorAddress Worker, long Since)>? Find(ActorAddress worker)
    {
        for (var node = _idle.First; node is not null; node = node.Next)
        {
            if (node.Value.Worker == worker)
            {
                return node;
            }
        }

        return null;
    }
}
