using System.Collections.Concurrent;
using System.Diagnostics;
using Thespian.Multiproc;

namespace Thespian.Tests.Cli;

/// <summary>start --foreground: the admin runs in the CLI's own process until the system is stopped.</summary>
public sealed class ForegroundTests : CliAdminFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private Process? _foreground;
    private ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    [TearDown]
    public void EndForeground()
    {
        if (_foreground is { } process)
        {
            if (!process.HasExited && CliRunner.Probe(Port) == AdminProbeResult.ThespianAdmin)
            {
                Remember(CliRunner.Run("status", "--port", PortText));
                CliRunner.Run("stop", "--port", PortText);
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            _foreground = null;
        }
    }

    private int StartForeground()
    {
        var lines = _lines = new ConcurrentQueue<string>();
        _foreground = Process.Start(WithDefaultInterrupt(CliRunner.StartInfo("start", "--foreground", "--port", PortText)))!;
        Remember(_foreground.Id);
        _foreground.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(e.Data);
                _lineArrived.Release();
            }
        };
        _foreground.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue("stderr: " + e.Data);
            }
        };
        _foreground.BeginOutputReadLine();
        _foreground.BeginErrorReadLine();
        WaitForLine("in the foreground");
        return _foreground.Id;
    }

    /// <summary>
    /// The command through <c>env --default-signal=INT</c>: a process started in the background by a non-interactive
    /// shell (a CI runner's, or <c>cmd &amp;</c>) ignores SIGINT, and its children inherit that, so without this the
    /// interrupt test would depend on how the test run was started.
    /// </summary>
    private static ProcessStartInfo WithDefaultInterrupt(ProcessStartInfo start)
    {
        if (!OperatingSystem.IsLinux())
        {
            return start;
        }

        var wrapped = new ProcessStartInfo("env")
        {
            UseShellExecute = false,
            RedirectStandardInput = start.RedirectStandardInput,
            RedirectStandardOutput = start.RedirectStandardOutput,
            RedirectStandardError = start.RedirectStandardError,
        };
        wrapped.ArgumentList.Add("--default-signal=INT");
        wrapped.ArgumentList.Add(start.FileName);
        foreach (var argument in start.ArgumentList)
        {
            wrapped.ArgumentList.Add(argument);
        }

        return wrapped;
    }

    private string WaitForLine(string fragment)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Patience)
        {
            var line = _lines.FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            _lineArrived.Wait(TimeSpan.FromMilliseconds(200));
        }

        Assert.Fail($"no line with '{fragment}' within {Patience.TotalSeconds} s; got:\n{string.Join('\n', _lines)}");
        return "";
    }

    [Test]
    public void Foreground_Running_AnnouncesItselfAndAnswersStatus()
    {
        var pid = StartForeground();

        var status = Run("status", "--port", PortText);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_lines, Has.Some.Contains($"multiprocTCPBase admin running on port {Port} (pid {pid}) in the foreground"));
            Assert.That(status.ExitCode, Is.Zero, status.ToString());
            Assert.That(status.StdOut, Does.Contain($"Admin process:        {pid}"));
            Assert.That(_foreground!.HasExited, Is.False);
        }
    }

    [Test]
    public void Foreground_StopVerb_ProcessExitsZero()
    {
        StartForeground();
        var processes = ProcessesFromStatus();

        var stop = Run("stop", "--port", PortText);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stop.ExitCode, Is.Zero, stop.ToString());
            Assert.That(_foreground!.WaitForExit(Patience), Is.True, $"the foreground admin did not exit; its output:\n{string.Join('\n', _lines)}");
            Assert.That(_foreground.ExitCode, Is.Zero);
            Assert.That(processes.Where(ProcessLiveness.IsAlive), Is.Empty);
            Assert.That(CliRunner.Probe(Port), Is.EqualTo(AdminProbeResult.Nothing));
        }
    }

    [TestCase("INT")]
    [TestCase("TERM")]
    public void Foreground_InterruptOrTerminate_ShutsTheSystemDownAndExitsZero(string signal)
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends the signal with kill(1)");
        var pid = StartForeground();
        var processes = ProcessesFromStatus();

        using (var kill = Process.Start("kill", [$"-{signal}", pid.ToString()]))
        {
            kill.WaitForExit();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_foreground!.WaitForExit(Patience), Is.True, $"the foreground admin did not exit on SIG{signal}; its output:\n{string.Join('\n', _lines)}");
            Assert.That(_foreground.ExitCode, Is.Zero);
            Assert.That(processes.Where(ProcessLiveness.IsAlive), Is.Empty);
            Assert.That(CliRunner.Probe(Port), Is.EqualTo(AdminProbeResult.Nothing));
        }
    }

    [Test]
    public void Foreground_AdminAlreadyRunning_SaysSoAndExitsZero()
    {
        var adminPid = StartAdmin();

        var result = Run("start", "--foreground", "--port", PortText);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Contain($"already running on port {Port} (pid {adminPid})"));
        }
    }
}
