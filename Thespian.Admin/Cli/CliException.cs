namespace Thespian.Admin.Cli;

/// <summary>A verb failed in a way the user can act on: a one-line message and the exit code that goes with it.</summary>
internal sealed class CliException : Exception
{
    /// <summary>Creates the failure.</summary>
    /// <param name="exitCode">One of <see cref="ExitCodes"/>.</param>
    /// <param name="message">One line that says what went wrong and what to do next.</param>
    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code for this failure.</summary>
    public int ExitCode { get; }

    /// <summary>Nothing is listening on <paramref name="port"/>.</summary>
    public static CliException NoAdmin(string baseName, int port) => new(ExitCodes.NoAdmin,
        $"Nothing is listening on port {port}: no {baseName} admin is running there (start one with 'thespian-admin start --base {baseName} --port {port}').");

    /// <summary>Something that is not a Thespian admin answers on <paramref name="port"/>.</summary>
    public static CliException NotAnAdmin(int port, string detail) => new(ExitCodes.Failure,
        $"Something that is not a Thespian admin is listening on port {port} ({detail}); stop it, or choose another port with --port.");

    /// <summary>A Thespian admin answers on <paramref name="port"/>, but its secret or TLS settings and this command's differ.</summary>
    public static CliException Unauthenticated(int port, string detail) => new(ExitCodes.Failure,
        $"The Thespian admin on port {port} refused this command: {detail} Pass the system's secret with --secret-file PATH (and, when it runs TLS, its certificate with --tls-certificate PATH).");

    /// <summary>A bad command line.</summary>
    public static CliException BadArguments(string message) => new(ExitCodes.BadArguments, message);
}
