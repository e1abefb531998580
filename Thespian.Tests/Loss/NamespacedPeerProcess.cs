using System.Diagnostics;
using System.Text;
using Thespian.Multiproc;
using Thespian.Tests.Multiproc;

namespace Thespian.Tests.Loss;

/// <summary>
/// A run of Thespian.Tests.Peer (see <see cref="PeerProcess"/>) inside a <see cref="NetworkNamespace"/>, started and
/// left running: <c>ip netns exec NAME dotnet Thespian.Tests.Peer.dll ...</c>. ip execs the program, so the process it
/// starts is the peer itself. Until the peer exits, the namespace is scanned for processes every 250 ms, so the admin
/// and hosts the peer's system starts are recorded even if they come and go. Its standard input stays open until
/// <see cref="CloseInput"/> (a peer may wait for that end); <see cref="WaitForExit"/> collects what it printed.
/// </summary>
public sealed class NamespacedPeerProcess : IDisposable
{
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(250);

    private readonly NetworkNamespace _space;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly HashSet<int> _seen = [];
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Timer _scan;

    private NamespacedPeerProcess(NetworkNamespace space, Process process)
    {
        _space = space;
        _process = process;
        _seen.Add(process.Id);
        _scan = new Timer(_ => Scan(), null, ScanInterval, ScanInterval);
    }

    /// <summary>The peer's process id.</summary>
    public int Id => _process.Id;

    /// <summary>The namespace it runs in.</summary>
    public NetworkNamespace Space => _space;

    /// <summary>What the peer printed on stdout so far.</summary>
    public string OutputSoFar => Text(_output);

    /// <summary>
    /// Starts the peer with <paramref name="arguments"/> inside <paramref name="space"/>, with this process's environment
    /// and <paramref name="environment"/> (e.g. THESPIAN_BASE_IPADDR, which its admin and hosts inherit).
    /// </summary>
    public static NamespacedPeerProcess Start(NetworkNamespace space, IEnumerable<string> arguments,
                                              IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = space.StartInfo(DotnetHost.Path, [PeerProcess.Path, .. arguments]);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.WorkingDirectory = AppContext.BaseDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException("Could not start the peer process.");
            }
        }
        catch
        {
            process.Dispose();
            throw;
        }

        var peer = new NamespacedPeerProcess(space, process);
        process.OutputDataReceived += (_, line) => Append(peer._output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(peer._errors, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>Closes the peer's standard input (a peer that waits for its end then goes on).</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>
    /// Waits for the peer to exit; returns what it printed and every process seen in the namespace meanwhile. A peer
    /// still running after <paramref name="limit"/> (from its start) is killed, with whatever runs in its namespace,
    /// and the test fails.
    /// </summary>
    public NamespacedPeerRun WaitForExit(TimeSpan limit)
    {
        var left = limit - _watch.Elapsed;
        if (!_process.WaitForExit(left > TimeSpan.Zero ? left : TimeSpan.Zero))
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
            var killed = _space.KillLeftovers(TimeSpan.Zero);
            Assert.Fail($"The peer process {Id} in {_space.Name} did not exit within {limit.TotalMinutes:0.#} min " +
                        $"(killed, with [{string.Join(", ", killed)}] left in the namespace). stdout so far:\n{Text(_output)}\nstderr:\n{Text(_errors)}");
        }

        _process.WaitForExit();
        var elapsed = _watch.Elapsed;
        _scan.Dispose();
        Scan();
        return new NamespacedPeerRun(new PeerResult(Id, _process.ExitCode, Text(_output), Text(_errors)), Seen(), elapsed);
    }

    /// <summary>Stops scanning and kills the peer (by its process id) if it still runs.</summary>
    public void Dispose()
    {
        _scan.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }

    private void Scan()
    {
        var inside = _space.ProcessesInside();
        lock (_seen)
        {
            _seen.UnionWith(inside);
        }
    }

    private HashSet<int> Seen()
    {
        lock (_seen)
        {
            return [.. _seen];
        }
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
