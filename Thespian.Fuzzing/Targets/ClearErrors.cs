using Newtonsoft.Json;
using Thespian.Wire;

namespace Thespian.Fuzzing.Targets;

/// <summary>The documented refusals of bad input, as the product's readers catch them.</summary>
internal static class ClearErrors
{
    /// <summary>A connection or datagram broke the wire protocol (the reader closes that connection or session).</summary>
    public static bool IsWireRefusal(Exception exception) => exception is WireProtocolException;

    /// <summary>
    /// A message body is not a well-formed message or names a type that may not travel (the message is refused and
    /// logged). A JsonException that only wraps a programming error is not a clear refusal.
    /// </summary>
    public static bool IsMessageRefusal(Exception exception) =>
        exception is JsonException && !WrapsProgrammingError(exception);

    /// <summary>Whether a programming error (not a refusal of the input) is anywhere in the chain.</summary>
    public static bool WrapsProgrammingError(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NullReferenceException or IndexOutOfRangeException or AccessViolationException or
                InvalidProgramException or OutOfMemoryException or InsufficientExecutionStackException)
            {
                return true;
            }
        }

        return false;
    }
}
