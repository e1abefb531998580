namespace Thespian;

/// <summary>
/// The file descriptors an actor wants watched for readable data (the Watch extension, guide §4.8).
/// Pass it to <c>Watch</c> on every <c>ReceiveMessage</c> that wants watching to continue.
/// </summary>
public sealed class ThespianWatch
{
    /// <summary>Creates the watch request.</summary>
    /// <param name="fileDescriptors">The descriptors (sockets or files) to watch for readable data.</param>
    public ThespianWatch(IEnumerable<int> fileDescriptors)
    {
        ArgumentNullException.ThrowIfNull(fileDescriptors);
        FileDescriptors = fileDescriptors.ToArray();
    }

    /// <summary>The descriptors to watch.</summary>
    public IReadOnlyList<int> FileDescriptors { get; }
}
