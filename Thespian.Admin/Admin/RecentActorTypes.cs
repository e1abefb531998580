namespace Thespian.Admin.Admin;

/// <summary>
/// The actor path's types most recently created in this system, newest first and each once: the hint the admin gives
/// every idle host (<see cref="Multiproc.HostWelcome"/>) so that it resolves them before a create names one. Types from
/// loaded sources are not kept: a host can only load those with the source's zip, which comes with the create.
/// Used on the admin's loop only.
/// </summary>
internal sealed class RecentActorTypes
{
    /// <summary>How many types are kept (resolving one in an idle host takes about a millisecond).</summary>
    public const int Capacity = 8;

    private readonly List<string> _newestFirst = [];

    /// <summary>An actor of <paramref name="typeName"/> started (from a source when <paramref name="sourceHash"/> is set).</summary>
    public void Started(string typeName, string? sourceHash)
    {
        if (sourceHash is not null)
        {
            return;
        }

        _newestFirst.Remove(typeName);
        _newestFirst.Insert(0, typeName);
        if (_newestFirst.Count > Capacity)
        {
            _newestFirst.RemoveAt(Capacity);
        }
    }

    /// <summary>The kept names, newest first (a copy).</summary>
    public string[] Snapshot() => [.. _newestFirst];
}
