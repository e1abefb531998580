using Thespian.Multiproc;

namespace Thespian.Admin;

/// <summary>How to start this same program in another mode (the admin starts its hosts this way).</summary>
internal static class SelfCommand
{
    /// <summary>The file to run and the arguments that select <paramref name="mode"/>.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) For(string mode)
    {
        // Started through its own executable (Thespian.Admin beside a self-contained application): run that
        // again, on the runtime in the same folder. ("Thespian.Admin" has no extension to strip: compare whole names.)
        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileName(processPath) is "Thespian.Admin" or "Thespian.Admin.exe")
        {
            return (processPath, [mode]);
        }

        return (DotnetHost.Path, [typeof(SelfCommand).Assembly.Location, mode]);
    }
}
