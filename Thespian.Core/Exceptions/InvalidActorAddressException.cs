namespace Thespian;

/// <summary>
/// An address was used that does not name an actor of this system (for example one from another system, or one forged).
/// Python name: <c>InvalidActorAddress</c>.
/// </summary>
public class InvalidActorAddressException : ActorSystemException
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvalidActorAddressException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong and what to do.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public InvalidActorAddressException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public InvalidActorAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
