using System.Text;

namespace Thespian.Tests.Wire;

// Message types for the serializer tests. They live in the test assembly, which the tests' allow-list
// puts "on the actor path".

public enum Colour
{
    Red = 1,
    Green = 2,
    Blue = 4,
}

[Flags]
public enum Access : byte
{
    None = 0,
    Read = 1,
    Write = 2,
}

public enum Signed : short
{
    Minus = -5,
    Plus = 5,
}

public enum Huge : ulong
{
    Small = 1,
    Top = 1UL << 63,
}

public sealed record Holder(object? Value);

public sealed record Order(int Id, string Name, decimal Price, object? Extra);

public sealed record Tagged(string Name, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, int> Counts);

public sealed record Outer(Order Order, object? Attachment, Holder Inner);

public sealed record Node(object? Child);

public sealed record AddressHolder(ActorAddress Address, ActorAddress? Other, IReadOnlyList<ActorAddress> Many);

/// <summary>A mutable message with object-typed members of every collection shape.</summary>
public sealed class Bag
{
    public object? Value { get; set; }

    public List<object?> Items { get; set; } = [];

    public Dictionary<string, object?> Map { get; set; } = [];
}

public sealed record CarriesBuilder(StringBuilder Builder);

/// <summary>Newtonsoft cannot pick a constructor for this type (two public ones with parameters).</summary>
public sealed class TwoConstructors
{
    public TwoConstructors(int number) => Number = number;

    public TwoConstructors(string text) => Text = text;

    public int Number { get; }

    public string? Text { get; }
}

public sealed class ThrowingGetter
{
    public int Value => throw new InvalidOperationException("the getter failed");
}

public sealed class SelfLoop
{
    public SelfLoop? Me { get; set; }
}

/// <summary>A message whose constructor validates its argument.</summary>
public sealed class Validated
{
    public Validated(int positive)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positive);
        Positive = positive;
    }

    public int Positive { get; }
}

public delegate void TestCallback();

/// <summary>Counts its constructions, to prove a refused type name was never instantiated.</summary>
public sealed class ConstructionSpy
{
    private static int _constructions;

    public ConstructionSpy() => Count();

    public static int Constructions => Volatile.Read(ref _constructions);

    public int Number { get; set; }

    public static bool Count()
    {
        Interlocked.Increment(ref _constructions);
        return true;
    }
}

/// <summary>An actor in an allowed assembly; its field initializer runs before any base constructor code.</summary>
public sealed class SpyActor : Actor
{
#pragma warning disable IDE0052, CA1823 // The initializer's side effect is the point.
    private readonly bool _counted = ConstructionSpy.Count();
#pragma warning restore IDE0052, CA1823

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
    }
}

/// <summary>Its lambda makes the compiler generate a closure class (a name with '&lt;').</summary>
public static class CompilerGeneratedSource
{
    public static Func<int> Capture(int value) => () => value;
}
