using Thespian.Tests.Multiproc;

namespace Thespian.Tests.Loss;

/// <summary>What a run of the peer inside a namespace printed, and every process id seen in the namespace meanwhile.</summary>
/// <param name="Result">The peer's exit code and output.</param>
/// <param name="SeenInside">Every process seen in the namespace while the peer ran (its admin and hosts among them).</param>
/// <param name="Elapsed">How long the peer ran.</param>
public sealed record NamespacedPeerRun(PeerResult Result, IReadOnlySet<int> SeenInside, TimeSpan Elapsed);

/// <summary>
/// Runs Thespian.Tests.Peer (see <see cref="PeerProcess"/>) inside a <see cref="NetworkNamespace"/> to its end, with its
/// standard input closed: a <see cref="NamespacedPeerProcess"/> waited for.
/// </summary>
public static class NamespacedPeer
{
    /// <summary>Runs the peer with <paramref name="arguments"/>; a peer still running after <paramref name="limit"/> is killed and the test fails.</summary>
    public static NamespacedPeerRun Run(NetworkNamespace space, IEnumerable<string> arguments, TimeSpan limit)
    {
        using var peer = NamespacedPeerProcess.Start(space, arguments);
        peer.CloseInput();
        return peer.WaitForExit(limit);
    }
}
