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
    /// The command (program and leading arguments) that runs Thespian.Admin. For a framework-dependent application
    /// whose files are known it is <c>dotnet exec --depsfile app.deps.json --runtimeconfig app.runtimeconfig.json
    /// Thespian.Admin.dll</c>: the admin then resolves its own dependencies as the application does (a web
    /// application's Microsoft.Extensions.* assemblies come from the ASP.NET Core shared framework, not its folder).
    /// Otherwise <c>dotnet Thespian.Admin.dll</c> with Thespian.Admin's own runtimeconfig; the <c>Thespian.Admin</c>
    /// executable beside a self-contained application, which runs on the runtime in the same folder without any
    /// <c>dotnet</c> on the machine. THESPIAN_ADMIN_PATH, when set, names another Thespian.Admin.dll to run with
    /// <c>dotnet</c>.
    /// </summary>
    /// <param name="baseName">The base the admin is for (for the error message).</param>
    /// <param name="application">The application's deps.json and runtimeconfig.json, or null.</param>
    /// <exception cref="ActorSystemStartupFailureException">The program, or what it needs to run, is not there.</exception>
    public static IReadOnlyList<string> For(string baseName, ApplicationRuntime? application = null)
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
        if (application is not null)
        {
            return [DotnetHost.Path, "exec", "--depsfile", application.DepsFile, "--runtimeconfig", application.RuntimeConfigFile, assembly];
        }

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
