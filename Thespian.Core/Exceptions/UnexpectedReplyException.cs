namespace Thespian;

/// <summary>
/// A typed ask (<see cref="ActorSystem.AskAsync{T}"/>) received a reply of another type than the one asked for.
/// The reply is kept in <see cref="Reply"/> (for example a <see cref="PoisonMessage"/> when the actor failed on the
/// request). No Python counterpart: Python's <c>ask</c> is untyped.
/// </summary>
public class UnexpectedReplyException : ActorSystemException
{
    /// <summary>Creates the exception with a default message.</summary>
    public UnexpectedReplyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public UnexpectedReplyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public UnexpectedReplyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a reply of the wrong type, naming both types.</summary>
    /// <param name="expectedType">The type asked for.</param>
    /// <param name="reply">The reply that arrived.</param>
    public UnexpectedReplyException(Type expectedType, object reply)
        : base(Describe(expectedType, reply))
    {
        ExpectedType = expectedType;
        Reply = reply;
    }

    /// <summary>The type asked for (null when made with a plain message).</summary>
    public Type? ExpectedType { get; }

    /// <summary>The reply that arrived (null when made with a plain message).</summary>
    public object? Reply { get; }

    private static string Describe(Type expectedType, object reply)
    {
        ArgumentNullException.ThrowIfNull(expectedType);
        ArgumentNullException.ThrowIfNull(reply);
        var detail = reply is PoisonMessage poison
            ? $" (the actor failed on the request: {poison.Details ?? "no details"})"
            : "";
        return $"Expected a reply of type {expectedType.FullName}, but received a {reply.GetType().FullName}{detail}. " +
               "Ask for a common base type (or object) if several reply types are expected.";
    }
}
