namespace Thespian;

/// <summary>
/// An unexpected failure inside the actor system, not caused by the application and not fixable by retrying.
/// Python name: <c>ActorSystemFailure</c>.
/// </summary>
public class ActorSystemFailureException : ActorSystemException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ActorSystemFailureException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong and what to do.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public ActorSystemFailureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ActorSystemFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
