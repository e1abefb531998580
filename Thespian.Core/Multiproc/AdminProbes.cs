using System.Diagnostics;
using System.Globalization;

namespace Thespian.Multiproc;

/// <summary>Probing an admin port until what answers there can be judged.</summary>
internal static class AdminProbes
{
    /// <summary>
    /// How long something that accepts but does not answer is probed again before it is judged not to be an admin. A
    /// Thespian admin answers within milliseconds; this covers one that is busy, or a link that loses packets (where one
    /// lost segment costs a TCP retransmission of a second or more, and a few in a row several seconds).
    /// </summary>
    public static TimeSpan UnresponsivePatience { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Probes <paramref name="endpoint"/> again while it is <see cref="AdminProbeResult.Unresponsive"/>, for up to
    /// <paramref name="patience"/> (default <see cref="UnresponsivePatience"/>); never returns Unresponsive: what still
    /// does not answer then is <see cref="AdminProbeResult.SomethingElse"/>.
    /// </summary>
    public static async Task<(AdminProbeResult Result, string Detail)> ProbePatientlyAsync(
        this IAdminProbe probe, string endpoint, CancellationToken cancellationToken, TimeSpan? patience = null)
    {
        var limit = patience ?? UnresponsivePatience;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (result, detail) = await probe.ProbeAsync(endpoint, cancellationToken).ConfigureAwait(false);
            if (result != AdminProbeResult.Unresponsive)
            {
                return (result, detail);
            }

            if (watch.Elapsed >= limit)
            {
                return (AdminProbeResult.SomethingElse, string.Create(CultureInfo.InvariantCulture,
                    $"{detail} It still had not answered after {watch.Elapsed.TotalSeconds:0} s of probing"));
            }
        }
    }
}
