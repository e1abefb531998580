namespace Thespian.Fuzzing.Canaries;

/// <summary>
/// Counts instantiations of the canary types: types outside every allow-list the fuzz targets decode with, which the
/// seeds name in <c>$type</c> anyway (as an attacker would). Any count above zero is a type the binder let through.
/// </summary>
public static class Canary
{
    private static long s_instantiations;

    /// <summary>How many times a canary was constructed, or had a member set, so far (in this process).</summary>
    public static long Instantiations => Interlocked.Read(ref s_instantiations);

    /// <summary>Records one instantiation (or member set).</summary>
    internal static void Touched() => Interlocked.Increment(ref s_instantiations);
}

/// <summary>A message type outside the allow-list: its constructor and setters count.</summary>
public sealed class FuzzCanary
{
    private string? _text;
    private object? _inner;

    /// <summary>Counts the instantiation.</summary>
    public FuzzCanary() => Canary.Touched();

    /// <summary>Some text (setting it counts).</summary>
    public string? Text
    {
        get => _text;
        set
        {
            Canary.Touched();
            _text = value;
        }
    }

    /// <summary>A nested value (setting it counts).</summary>
    public object? Inner
    {
        get => _inner;
        set
        {
            Canary.Touched();
            _inner = value;
        }
    }
}

/// <summary>An actor named as a message type: an actor is never data, on the actor path or not.</summary>
public sealed class FuzzCanaryActor : Actor
{
    /// <summary>Counts the instantiation.</summary>
    public FuzzCanaryActor() => Canary.Touched();

    /// <inheritdoc />
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
    }
}

/// <summary>A value type outside the allow-list: its constructor and setter count.</summary>
public struct FuzzCanaryValue
{
    private int _number;

    /// <summary>Counts the instantiation.</summary>
    public FuzzCanaryValue() => Canary.Touched();

    /// <summary>A number (setting it counts).</summary>
    public int Number
    {
        readonly get => _number;
        set
        {
            Canary.Touched();
            _number = value;
        }
    }
}
