namespace Thespian.Multiproc;

/// <summary>
/// Where the admin and actor-host program (Thespian.Admin) is, and how to run it: from the application's folder,
/// where the multiproc bases' packages (or a project reference to Thespian.Admin) put it.
/// </summary>
internal static class AdminCommand
{
    private const string AssemblyFile = "Thespian.Admin.dll";
    private const string RuntimeConfigFile = "Thespian.Admin.runtimeconfig.json";
    private const string AppHostFile = "Thespian.Admin";

    /// <summary>
    /// The command (program and leading arguments) that runs Thespian.Admin: <c>dotnet Thespian.Admin.dll</c> for a
    /// framework-dependent application; the <c>Thespian.Admin</c> executable beside a self-contained one, which runs
    /// on the runtime in the same folder without any <c>dotnet</c> on the machine. THESPIAN_ADMIN_PATH, when set,
    /// names another Thespian.Admin.dll to run with <c>dotnet</c>.
    /// </summary>
    /// <param name="baseName">The base the admin is for (for the error message).</param>
    /// <exception cref="ActorSystemStartupFailureException">The program, or what it needs to run, is not there.</exception>
    public static IReadOnlyList<string> For(string baseName)
    {
        if (Environment.GetEnvironmentVariable("THESPIAN_ADMIN_PATH") is { Length: > 0 } configured)
        {
            return [DotnetHost.Path, Require(configured, baseName)];
        }

        var folder = AppContext.BaseDirectory;
        if (DotnetHost.IsSelfContained)
        {
            return [Require(Path.Combine(folder, AppHostFile), baseName)];
        }

        var assembly = Require(Path.Combine(folder, AssemblyFile), baseName);
        Require(Path.Combine(folder, RuntimeConfigFile), baseName);
        return [DotnetHost.Path, assembly];
    }

    private static string Require(string path, string baseName) => File.Exists(path)
        ? path
        : throw new ActorSystemStartupFailureException(
            $"Cannot start the {baseName} admin: {path} does not exist. Reference the Thespian.Bases.MultiprocTcp or " +
            "Thespian.Bases.MultiprocUdp package from the application (they bring Thespian.Admin and put it in the " +
            "output and publish folders), or set THESPIAN_ADMIN_PATH to a Thespian.Admin.dll.");
}
