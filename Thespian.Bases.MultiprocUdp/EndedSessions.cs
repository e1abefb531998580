namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// The ids of the last few inbound sessions that ended (cut off, replaced, said bye): their stragglers — datagrams sent
/// before the sender heard — are answered but not reported as strangers. Bounded; used by the receiving thread only.
/// </summary>
internal sealed class EndedSessions
{
    private readonly ulong[] _ids;
    private readonly HashSet<ulong> _known = [];
    private int _next;

    /// <param name="capacity">How many ended sessions are remembered.</param>
    public EndedSessions(int capacity)
    {
        _ids = new ulong[capacity];
    }

    /// <summary>Remembers an ended session (forgetting the oldest when full).</summary>
    public void Add(ulong session)
    {
        if (!_known.Add(session))
        {
            return;
        }

        var oldest = _ids[_next];
        if (oldest != 0)
        {
            _known.Remove(oldest);
        }

        _ids[_next] = session;
        _next = (_next + 1) % _ids.Length;
    }

    /// <summary>Whether <paramref name="session"/> ended recently.</summary>
    public bool Contains(ulong session) => _known.Contains(session);
}
