namespace Thespian;

/// <summary>
/// A request to the actor system was not answered in time.
/// Python name: <c>ActorSystemRequestTimeout</c>.
/// </summary>
public class ActorSystemRequestTimeoutException : ActorSystemFailureException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ActorSystemRequestTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong and what to do.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public ActorSystemRequestTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ActorSystemRequestTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
