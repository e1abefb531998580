using System.Diagnostics;
using System.Text;
using Thespian.Multiproc;

namespace Thespian.Tests.Packaging;

/// <summary>What one command produced.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output)
{
    /// <summary>For assertion messages: the command, its exit code and the end of its output.</summary>
    public override string ToString() =>
        $"{Command}\nexit {ExitCode}\n{(Output.Length > 6000 ? "…" + Output[^6000..] : Output)}";
}

/// <summary>
/// Runs the dotnet CLI (and the programs it builds) the way a user in a shell would: not with the MSBuild state the
/// test runner inherited from <c>dotnet test</c>, without THESPIAN_ADMIN_PATH or NuGet's cache setting, leaving no
/// MSBuild node running, and with a time limit.
/// </summary>
internal static class DotnetCli
{
    /// <summary>
    /// How long one build, pack, publish or run may take before the test fails (and the process is killed): packing
    /// takes about a minute on an idle two-core machine, several on one shared with other builds.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs <c>dotnet args…</c> in <paramref name="workingDirectory"/>.</summary>
    public static CommandResult Dotnet(string workingDirectory, IReadOnlyDictionary<string, string?> environment,
                                       params string[] args) =>
        Run(DotnetHost.Path, workingDirectory, environment, args);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="args"/>, output and error captured together.</summary>
    public static CommandResult Run(string fileName, string workingDirectory, IReadOnlyDictionary<string, string?> environment,
                                    params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(IsInherited).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // No MSBuild node or build server outlives the command. (The compiler server is the one `dotnet test` built
        // the tests with: reusing it makes the builds here several times faster.)
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var command = $"{fileName} {string.Join(' ', args)}";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{command} did not finish within {Timeout.TotalMinutes} min (killed).\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new CommandResult(command, process.ExitCode, output.ToString());
        }
    }

    private static bool IsInherited(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) ||
        name is "DOTNET_HOST_PATH" or "THESPIAN_ADMIN_PATH" or "NUGET_PACKAGES";

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
