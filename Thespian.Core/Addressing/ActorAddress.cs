namespace Thespian;

/// <summary>
/// The opaque address of an actor (or of an external endpoint, or of the system itself).
/// Only the actor system makes addresses: they come back from <c>CreateActor</c> or arrive in
/// messages. Addresses compare equal when they name the same actor and are valid dictionary keys,
/// also after crossing a process boundary. They are random and cannot be guessed.
/// </summary>
public sealed class ActorAddress : IEquatable<ActorAddress>
{
    private readonly ActorId _id;

    internal ActorAddress(ActorId id, object? localTarget = null)
    {
        _id = id;
        LocalTarget = localTarget;
    }

    /// <summary>The random identifier that makes this address unique.</summary>
    internal ActorId Id => _id;

    /// <summary>
    /// What this address routes to inside the process that made it (an actor cell, an endpoint,
    /// the system). Never part of equality and never sent to another process.
    /// </summary>
    internal object? LocalTarget { get; set; }

    /// <summary>Makes a new address with a fresh random identifier.</summary>
    internal static ActorAddress CreateNew(object? localTarget = null) => new(NewId(), localTarget);

    /// <summary>
    /// Draws a fresh 128-bit random identifier from the operating system's cryptographic generator
    /// (<see cref="OsRandom"/>). Bytes are drawn 4 KiB at a time per thread (one generator call per 256
    /// identifiers instead of one each); a used identifier's bytes are cleared from the buffer.
    /// </summary>
    internal static ActorId NewId()
    {
        var pool = t_randomPool;
        if (pool is null || t_randomUsed + ActorId.Size > pool.Length)
        {
            pool = t_randomPool ??= new byte[RandomPoolBytes];
            OsRandom.Fill(pool);
            t_randomUsed = 0;
        }

        var bytes = pool.AsSpan(t_randomUsed, ActorId.Size);
        var id = ActorId.Read(bytes);
        bytes.Clear();
        t_randomUsed += ActorId.Size;
        return id;
    }

    private const int RandomPoolBytes = 4096;

    [ThreadStatic]
    private static byte[]? t_randomPool;

    [ThreadStatic]
    private static int t_randomUsed;

    /// <summary>Whether <paramref name="other"/> names the same actor.</summary>
    /// <param name="other">The address to compare with.</param>
    public bool Equals(ActorAddress? other) => other is not null && other._id == _id;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorAddress other && other._id == _id;

    /// <inheritdoc />
    public override int GetHashCode() => _id.GetHashCode();

    /// <summary>A short form for logs and display; do not parse it or depend on its shape.</summary>
    public override string ToString() => $"ActorAddr-{_id.Upper >> 16:x12}";

    /// <summary>Whether two addresses name the same actor.</summary>
    /// <param name="left">One address (or null).</param>
    /// <param name="right">The other address (or null).</param>
    public static bool operator ==(ActorAddress? left, ActorAddress? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Whether two addresses name different actors.</summary>
    /// <param name="left">One address (or null).</param>
    /// <param name="right">The other address (or null).</param>
    public static bool operator !=(ActorAddress? left, ActorAddress? right) => !(left == right);
}
