using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Thespian.Benchmarks.Results;

/// <summary>Where and how the benchmark ran, so that runs can be compared.</summary>
internal sealed record MachineInfo(
    string MachineName,
    int ProcessorCount,
    string Os,
    string OsArchitecture,
    string ProcessArchitecture,
    string Framework,
    string RuntimeVersion,
    bool ServerGc,
    bool ConcurrentGc,
    string GcLatencyMode,
    string? TieredCompilation,
    string? TieredPgo,
    long StopwatchFrequency,
    string BuildConfiguration,
    string ThespianVersion,
    string? GitCommit)
{
    public static MachineInfo Collect() => new(
        Environment.MachineName,
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString(),
        RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        Environment.Version.ToString(),
        GCSettings.IsServerGC,
        AppContext.TryGetSwitch("System.GC.Concurrent", out var concurrent) ? concurrent : true,
        GCSettings.LatencyMode.ToString(),
        AppContext.GetData("System.Runtime.TieredCompilation")?.ToString(),
        AppContext.GetData("System.Runtime.TieredPGO")?.ToString(),
        Stopwatch.Frequency,
        Program.IsOptimized(typeof(Program).Assembly) ? "Release" : "Debug",
        typeof(ActorSystem).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?",
        ReadGitCommit());

    /// <summary>
    /// The commit checked out (<c>git rev-parse HEAD</c>) in the current directory, else in the folder this file
    /// was compiled from; null when neither is in a git repository.
    /// </summary>
    private static string? ReadGitCommit() => RevParseHead(null) ?? RevParseHead(Path.GetDirectoryName(SourcePath()));

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static string? RevParseHead(string? directory)
    {
        if (directory is not null && !Directory.Exists(directory))
        {
            return null;
        }

        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory ?? Environment.CurrentDirectory,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            return git.WaitForExit(5_000) && git.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;   // no git on this machine
        }
    }
}
