using System.Diagnostics;

namespace Thespian.Tests.Loss;

/// <summary>A system command (ip, nft) that failed: its command line, exit code and what it said.</summary>
public sealed class SystemCommandException(string message) : Exception(message);

/// <summary>Runs short system commands (ip, nft) and returns what they print; a failure throws <see cref="SystemCommandException"/>.</summary>
public static class SystemCommand
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> (each one argument, no shell); returns its stdout.</summary>
    /// <exception cref="SystemCommandException">It exited with a non-zero code, or did not exit within 30 s (then it is killed).</exception>
    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var commandLine = $"{program} {string.Join(' ', arguments)}";
        using var process = Process.Start(start) ?? throw new SystemCommandException($"Could not start `{commandLine}`.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new SystemCommandException($"`{commandLine}` did not exit within {Limit.TotalSeconds:0} s (killed).");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new SystemCommandException(
                $"`{commandLine}` exited with {process.ExitCode}: {errors.GetAwaiter().GetResult().Trim()} {output.GetAwaiter().GetResult().Trim()}".Trim());
        }

        return output.GetAwaiter().GetResult();
    }
}
