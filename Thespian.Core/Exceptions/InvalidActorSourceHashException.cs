namespace Thespian;

/// <summary>
/// A source hash was given that names no loaded, validated actor source.
/// Python name: <c>InvalidActorSourceHash</c>.
/// </summary>
public class InvalidActorSourceHashException : ActorSystemException
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvalidActorSourceHashException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong and what to do.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public InvalidActorSourceHashException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public InvalidActorSourceHashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
