namespace Thespian.Benchmarks.Actors;

// The benchmark's messages. Hot-path messages are preallocated singletons, so that a figure measures the
// runtime, not the cost of allocating the payload.

/// <summary>"go N": the sender announces N ticks to <paramref name="Target"/> with an <see cref="Expect"/>, then sends them.</summary>
internal sealed record Go(int Count, ActorAddress Target);

/// <summary>A counter expects <paramref name="Count"/> ticks, then sends <see cref="Done"/> to <paramref name="ReplyTo"/>.</summary>
internal sealed record Expect(int Count, ActorAddress ReplyTo);

/// <summary>A counter expects <paramref name="Count"/> ticks, answers "ready", and after the last tells the sender of this <see cref="Done"/>.</summary>
internal sealed record ExpectFlood(int Count);

/// <summary>The unit of one-way traffic.</summary>
internal sealed class Tick
{
    public static readonly Tick Instance = new();
}

/// <summary>A second message type, for the dispatcher's cache-miss measurement.</summary>
internal sealed class Tock
{
    public static readonly Tock Instance = new();
}

/// <summary>The ball bounced in ping-pong.</summary>
internal sealed class Ball
{
    public static readonly Ball Instance = new();
}

/// <summary>Start <paramref name="RoundTrips"/> round trips with <paramref name="Partner"/>.</summary>
internal sealed record Serve(int RoundTrips, ActorAddress Partner);

/// <summary>Create <paramref name="Count"/> children.</summary>
internal sealed record CreateChildren(int Count);

/// <summary>The reply when a burst, a rally or a batch of creations is over.</summary>
internal sealed record Done(long Count);
