namespace Thespian;

/// <summary>
/// No actor system whose capabilities satisfy the actor's requirements could be found to run the actor.
/// Python name: <c>NoCompatibleSystemForActor</c>.
/// </summary>
public class NoCompatibleSystemForActorException : ActorSystemException
{
    /// <summary>Creates the exception with a default message.</summary>
    public NoCompatibleSystemForActorException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong and what to do.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public NoCompatibleSystemForActorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public NoCompatibleSystemForActorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
