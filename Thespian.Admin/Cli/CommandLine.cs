namespace Thespian.Admin.Cli;

/// <summary>The thespian-admin command line (start, status, stop, load, unload).</summary>
internal static class CommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("thespian-admin: the command line verbs are being built; use the ActorSystem API for now.");
        return Task.FromResult(2);
    }
}
