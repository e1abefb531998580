namespace Thespian;

/// <summary>
/// The base of every exception the actor system itself throws.
/// Python name: <c>ActorSystemException</c>.
/// </summary>
public class ActorSystemException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ActorSystemException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong and what to do.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public ActorSystemException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ActorSystemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
