namespace Thespian.Admin.Cli;

/// <summary>The exit codes of the thespian-admin verbs.</summary>
internal static class ExitCodes
{
    /// <summary>The verb did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Nothing is listening on the admin port (no system is running there).</summary>
    public const int NoAdmin = 1;

    /// <summary>The command line was wrong: an unknown verb, option or base, a bad value, a missing file.</summary>
    public const int BadArguments = 2;

    /// <summary>Anything else: something that is not a Thespian admin on the port, an admin that failed or timed out.</summary>
    public const int Failure = 3;
}
