namespace Thespian;

/// <summary>
/// The actor system could not be started or joined.
/// Python name: <c>ActorSystemStartupFailure</c>.
/// </summary>
public class ActorSystemStartupFailureException : ActorSystemFailureException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ActorSystemStartupFailureException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong and what to do.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public ActorSystemStartupFailureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ActorSystemStartupFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
