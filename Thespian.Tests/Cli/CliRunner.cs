using System.Diagnostics;
using System.Text.RegularExpressions;
using Thespian.Bases.MultiprocTcp;
using Thespian.Multiproc;

namespace Thespian.Tests.Cli;

/// <summary>What one run of the thespian-admin executable produced.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The non-empty lines written to standard error.</summary>
    public string[] ErrorLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>For assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}--- stderr\n{StdErr}";
}

/// <summary>Runs the real thespian-admin executable (Thespian.Admin.dll beside the tests) as a child process.</summary>
internal static partial class CliRunner
{
    /// <summary>How long one verb may take before the test fails (and the child is killed).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The program under test.</summary>
    public static string AdminDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "Thespian.Admin.dll");

    /// <summary>Runs <c>thespian-admin args…</c> to completion.</summary>
    public static CliResult Run(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"thespian-admin {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s (killed).");
        }

        Assert.That(Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(30)), Is.True,
                    $"thespian-admin {string.Join(' ', args)} exited but something still holds its output open.");
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>How to start <c>thespian-admin args…</c> with its standard streams captured.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(AdminDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>What answers on a port right now.</summary>
    public static AdminProbeResult Probe(int port, string systemBase = SystemBaseNames.MultiprocTcp) =>
        MultiprocTransports.For(systemBase).CreateAdminProbe(secret: null)
                           .ProbeAsync($"127.0.0.1:{port}", CancellationToken.None).GetAwaiter().GetResult().Result;

    /// <summary>Every process id the output names: "(pid N)", "Admin process: N", "Host processes: N, M".</summary>
    public static IReadOnlyList<int> ProcessIdsIn(string output)
    {
        var ids = PidPattern().Matches(output).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        foreach (Match list in ProcessListPattern().Matches(output))
        {
            ids.AddRange(list.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                             .Select(int.Parse));
        }

        return ids.Distinct().ToList();
    }

    /// <summary>The admin's process id in the output of start or status.</summary>
    public static int AdminProcessIdIn(string output)
    {
        var match = PidPattern().Match(output);
        if (!match.Success)
        {
            match = AdminProcessPattern().Match(output);
        }

        Assert.That(match.Success, Is.True, $"no admin pid in:\n{output}");
        return int.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex(@"\(pid (\d+)\)")]
    private static partial Regex PidPattern();

    [GeneratedRegex(@"Admin process:\s+(\d+)")]
    private static partial Regex AdminProcessPattern();

    [GeneratedRegex(@"(?:Admin|Host) process(?:es)?:\s+([\d, ]+)$", RegexOptions.Multiline)]
    private static partial Regex ProcessListPattern();
}
