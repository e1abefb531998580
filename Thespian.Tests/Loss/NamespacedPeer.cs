using System.Diagnostics;
using System.Text;
using Thespian.Multiproc;
using Thespian.Tests.Multiproc;

namespace Thespian.Tests.Loss;

/// <summary>What a run of the peer inside a namespace printed, and every process id seen in the namespace meanwhile.</summary>
/// <param name="Result">The peer's exit code and output.</param>
/// <param name="SeenInside">Every process seen in the namespace while the peer ran (its admin and hosts among them).</param>
/// <param name="Elapsed">How long the peer ran.</param>
public sealed record NamespacedPeerRun(PeerResult Result, IReadOnlySet<int> SeenInside, TimeSpan Elapsed);

/// <summary>
/// Runs Thespian.Tests.Peer (see <see cref="PeerProcess"/>) inside a <see cref="NetworkNamespace"/>:
/// <c>ip netns exec NAME dotnet Thespian.Tests.Peer.dll ...</c>. ip execs the program, so the process it starts is
/// the peer itself. While the peer runs, the namespace is scanned for processes every few hundred milliseconds, so
/// the admin and hosts the peer's system starts are recorded even if they come and go.
/// </summary>
public static class NamespacedPeer
{
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs the peer with <paramref name="arguments"/>; a peer still running after <paramref name="limit"/> is killed and the test fails.</summary>
    public static NamespacedPeerRun Run(NetworkNamespace space, IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = space.StartInfo(DotnetHost.Path, [PeerProcess.Path, .. arguments]);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.WorkingDirectory = AppContext.BaseDirectory;

        var output = new StringBuilder();
        var errors = new StringBuilder();
        var seen = new HashSet<int>();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(errors, line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start the peer process.");
        }

        seen.Add(process.Id);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (!process.WaitForExit(ScanInterval) && watch.Elapsed < limit)
        {
            seen.UnionWith(space.ProcessesInside());
        }

        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(10));
            var killed = space.KillLeftovers(TimeSpan.Zero);
            Assert.Fail($"The peer process {process.Id} in {space.Name} did not exit within {limit.TotalMinutes:0} min " +
                        $"(killed, with [{string.Join(", ", killed)}] left in the namespace). stdout so far:\n{Text(output)}\nstderr:\n{Text(errors)}");
        }

        process.WaitForExit();
        var elapsed = watch.Elapsed;
        return new NamespacedPeerRun(new PeerResult(process.Id, process.ExitCode, Text(output), Text(errors)), seen, elapsed);
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }

    private static string Text(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}
