namespace Thespian;

/// <summary>
/// The actor type given to CreateActor is not usable: not a concrete Actor with a parameterless constructor, or a type name that resolves to nothing.
/// Python name: <c>InvalidActorSpecification</c>.
/// </summary>
public class InvalidActorSpecificationException : ActorSystemException
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvalidActorSpecificationException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong and what to do.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public InvalidActorSpecificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public InvalidActorSpecificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
