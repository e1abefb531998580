using System.CommandLine;

namespace Thespian.Admin.Cli;

/// <summary>
/// Runs a verb's body and turns whatever goes wrong into one line on standard error (prefixed
/// "thespian-admin:") and an exit code from <see cref="ExitCodes"/>.
/// </summary>
internal static class Verb
{
    /// <summary>What a verb does, writing its results to <c>output</c>; returns the exit code.</summary>
    public delegate Task<int> Body(ParseResult parseResult, TextWriter output, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>.</summary>
    public static void SetBody(Command command, Body body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(body);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, body, cancellationToken));
    }

    /// <summary>Writes one error line.</summary>
    public static Task WriteErrorAsync(TextWriter error, string message)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.WriteLineAsync("thespian-admin: " + OneLine(message));
    }

    /// <summary>Writes one line of output.</summary>
    public static Task WriteLineAsync(TextWriter output, string line)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.WriteLineAsync(line);
    }

    private static async Task<int> RunAsync(ParseResult parseResult, Body body, CancellationToken cancellationToken)
    {
        var configuration = parseResult.InvocationConfiguration;
        string message;
        int exitCode;
        try
        {
            return await body(parseResult, configuration.Output, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            (message, exitCode) = (ex.Message, ex.ExitCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            (message, exitCode) = ("Interrupted.", ExitCodes.Failure);
        }
        catch (Exception ex) when (ex is ActorSystemException or IOException or UnauthorizedAccessException or
                                         System.Net.Sockets.SocketException or TimeoutException)
        {
            (message, exitCode) = (ex.Message, ExitCodes.Failure);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else is a fault in Thespian, not in the command line: still one line, with the type to report.
            (message, exitCode) = ($"Unexpected {ex.GetType().Name}: {ex.Message}", ExitCodes.Failure);
        }

        await WriteErrorAsync(configuration.Error, message).ConfigureAwait(false);
        return exitCode;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
