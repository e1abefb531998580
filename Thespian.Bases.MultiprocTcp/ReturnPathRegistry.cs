using System.Net.Sockets;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// The accepting side of return paths (<see cref="Wire.WireRole.ReturnPath"/>): connections that "Outbound Only" admins
/// opened to this process so that it can send to them. Once a peer has opened one, this process never connects to that
/// peer itself (its firewall would drop the attempt): a connection to it takes the connection the peer offered, waiting
/// for the next one when none is on offer.
/// </summary>
internal sealed class ReturnPathRegistry : IDisposable
{
    private readonly Dictionary<string, ConnectionStream> _offered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _peers = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>Whether sends to <paramref name="endpoint"/> must go over a connection it opened.</summary>
    public bool IsReturnPathPeer(string endpoint)
    {
        lock (_gate)
        {
            return _peers.Contains(endpoint);
        }
    }

    /// <summary>A peer opened a connection for this process to send to it (one replaces an older one not yet taken).</summary>
    public void Offer(string endpoint, ConnectionStream connection)
    {
        ConnectionStream? older;
        lock (_gate)
        {
            if (_disposed)
            {
                older = connection;
            }
            else
            {
                _peers.Add(endpoint);
                _offered.Remove(endpoint, out older);
                _offered[endpoint] = connection;
                Monitor.PulseAll(_gate);
            }
        }

        older?.Dispose();
    }

    /// <summary>Takes the connection the peer offered, waiting up to <paramref name="timeout"/> for one.</summary>
    /// <exception cref="SocketException">None came in time (timed out), or the transport is stopping.</exception>
    public ConnectionStream Take(string endpoint, TimeSpan timeout, Func<bool> stopping)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_gate)
        {
            while (true)
            {
                if (_offered.Remove(endpoint, out var connection))
                {
                    return connection;
                }

                var remaining = deadline - Environment.TickCount64;
                if (_disposed || stopping() || remaining <= 0)
                {
                    throw new SocketException((int)SocketError.TimedOut);
                }

                Monitor.Wait(_gate, (int)Math.Min(remaining, 200));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        List<ConnectionStream> offered;
        lock (_gate)
        {
            _disposed = true;
            offered = [.. _offered.Values];
            _offered.Clear();
            Monitor.PulseAll(_gate);
        }

        foreach (var connection in offered)
        {
            connection.Dispose();
        }
    }
}
