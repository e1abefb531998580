namespace Thespian.Multiproc;

/// <summary>Finds the <c>dotnet</c> host that runs framework-dependent programs such as Thespian.Admin.dll.</summary>
internal static class DotnetHost
{
    /// <summary>
    /// Whether this process runs on a runtime inside the application's own folder (a self-contained application),
    /// not on a shared framework under a <c>dotnet</c> installation.
    /// </summary>
    public static bool IsSelfContained
    {
        get
        {
            var runtimeDirectory = System.IO.Path.TrimEndingDirectorySeparator(
                System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
            var applicationDirectory = System.IO.Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
            return string.Equals(System.IO.Path.GetFullPath(runtimeDirectory), System.IO.Path.GetFullPath(applicationDirectory),
                                 StringComparison.Ordinal);
        }
    }

    /// <summary>The path of the dotnet executable.</summary>
    public static string Path
    {
        get
        {
            var current = Environment.ProcessPath;
            if (current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet")
            {
                return current;
            }

            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            {
                return fromSdk;
            }

            var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root) && File.Exists(System.IO.Path.Combine(root, "dotnet")))
            {
                return System.IO.Path.Combine(root, "dotnet");
            }

            var runtimeDirectory = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
            var beside = System.IO.Path.GetFullPath(System.IO.Path.Combine(runtimeDirectory, "..", "..", "..", "dotnet"));
            return File.Exists(beside) ? beside : "dotnet";
        }
    }
}
