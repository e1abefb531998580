namespace Thespian;

/// <summary>
/// A signed source package that cannot be opened: not a package, a missing or malformed entry, a signature that
/// does not verify, or a payload that does not decrypt. The message says which, and what to do about it.
/// </summary>
public class SignedSourceException : ActorSystemException
{
    /// <summary>Creates the exception with a default message.</summary>
    public SignedSourceException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong and what to do.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public SignedSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public SignedSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
