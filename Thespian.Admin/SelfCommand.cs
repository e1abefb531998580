using Thespian.Multiproc;

namespace Thespian.Admin;

/// <summary>How to start this same program in another mode (the admin starts its hosts this way).</summary>
internal static class SelfCommand
{
    /// <summary>The file to run and the arguments that select <paramref name="mode"/>.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) For(string mode)
    {
        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) != "dotnet" &&
            Path.GetFileNameWithoutExtension(processPath) == "Thespian.Admin")
        {
            return (processPath, [mode]);
        }

        return (DotnetHost.Path, [typeof(SelfCommand).Assembly.Location, mode]);
    }
}
