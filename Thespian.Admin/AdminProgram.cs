using Thespian.Admin.Admin;
using Thespian.Admin.Cli;
using Thespian.Admin.Hosting;

namespace Thespian.Admin;

/// <summary>
/// One program, three uses: the admin of a system ("admin-run"), an actor host ("host"), both started by Thespian
/// itself; and the thespian-admin command line for people (start, status, stop, load, unload). Thespian.Admin.dll
/// and the thespian-admin tool (Thespian.Admin.Tool) both run it.
/// </summary>
internal static class AdminProgram
{
    /// <summary>Runs the mode that <paramref name="args"/> select; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "admin-run" => await RunAdminAsync(args[1..]).ConfigureAwait(false),
                "host" => await HostMode.RunAsync(ModeArguments.Parse(args[1..])).ConfigureAwait(false),
                _ => await CommandLine.RunAsync(args).ConfigureAwait(false),
            };
        }
        catch (ArgumentException ex) when (args.FirstOrDefault() is "admin-run" or "host")
        {
            await Console.Error.WriteLineAsync($"thespian-admin {args[0]}: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    private static async Task<int> RunAdminAsync(string[] arguments)
    {
        using var signals = new ShutdownSignals();
        return await AdminMode.RunAsync(ModeArguments.Parse(arguments), signals.Token).ConfigureAwait(false);
    }
}
