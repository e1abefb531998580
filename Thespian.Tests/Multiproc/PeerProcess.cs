using System.Diagnostics;
using Thespian.Multiproc;

namespace Thespian.Tests.Multiproc;

/// <summary>What a run of the peer program printed and returned.</summary>
public sealed record PeerResult(int ProcessId, int ExitCode, string Output, string Errors)
{
    /// <summary>The value of the first "key=value" line with this key, or null.</summary>
    public string? Value(string key) =>
        Output.Split('\n', StringSplitOptions.TrimEntries)
              .Where(line => line.StartsWith(key + "=", StringComparison.Ordinal))
              .Select(line => line[(key.Length + 1)..])
              .FirstOrDefault();

    public override string ToString() => $"peer pid {ProcessId} exit {ExitCode}; stdout:\n{Output}\nstderr:\n{Errors}";
}

/// <summary>
/// Runs Thespian.Tests.Peer, the second application process of these tests (see its Program.cs for the
/// commands). The test project builds it and copies Thespian.Tests.Peer.dll (+ runtimeconfig and deps)
/// next to the test assembly (target CopyTestPeer in Thespian.Tests.csproj); it is run from there with
/// the same dotnet host, so an admin it starts is the test folder's Thespian.Admin.dll with the test
/// folder as its actor path, exactly like an admin started by the tests.
/// </summary>
public static class PeerProcess
{
    private const string PeerAssembly = "Thespian.Tests.Peer.dll";

    /// <summary>The peer program's path (next to the test assembly).</summary>
    public static string Path
    {
        get
        {
            var path = System.IO.Path.Combine(AppContext.BaseDirectory, PeerAssembly);
            if (!File.Exists(path))
            {
                Assert.Fail($"{PeerAssembly} is not next to the test assembly ({AppContext.BaseDirectory}); " +
                            "the CopyTestPeer target of Thespian.Tests.csproj copies it there when the tests are built.");
            }

            return path;
        }
    }

    /// <summary>
    /// Runs the peer with the given arguments and waits (up to <paramref name="limit"/>) for it to exit;
    /// <paramref name="started"/> gets its process id at once (so a test can track it). A peer that does
    /// not exit in time is killed (by its process id) and the test fails.
    /// </summary>
    public static PeerResult Run(IEnumerable<string> arguments, TimeSpan limit, Action<int> started)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the peer process.");
        started(process.Id);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            Assert.Fail($"The peer process {process.Id} did not exit within {limit.TotalSeconds} s (killed). " +
                        $"stdout so far: {(output.IsCompleted ? output.Result : "(open)")}");
        }

        process.WaitForExit();
        return new PeerResult(process.Id, process.ExitCode, output.GetAwaiter().GetResult(), errors.GetAwaiter().GetResult());
    }
}
