namespace Thespian.Fuzzing.Engine;

/// <summary>
/// One reader of untrusted bytes, driven the way the product drives it. Its <see cref="Run"/> either returns (the input
/// was acceptable) or throws; an exception <see cref="IsClearError"/> accepts is the documented refusal, anything else is
/// a crash. Seeds are valid inputs made by the product's own writers, so mutations start from deep inside the format.
/// </summary>
public abstract class FuzzTarget : IDisposable
{
    /// <summary>The target's name (the runner's <c>--target</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What the target reads, in a line.</summary>
    public abstract string Description { get; }

    /// <summary>The largest input the mutator makes for this target.</summary>
    public virtual int MaxInputBytes => 64 * 1024;

    /// <summary>Valid inputs made by the product's writers, with the offsets of their length fields.</summary>
    public abstract IReadOnlyList<FuzzSeed> CreateSeeds();

    /// <summary>Byte strings the mutator inserts or overwrites with (magic values, field names, type names).</summary>
    public virtual IReadOnlyList<byte[]> Tokens => [];

    /// <summary>Reads <paramref name="input"/> as the product does.</summary>
    public abstract void Run(byte[] input);

    /// <summary>Whether <paramref name="exception"/> is the documented, clear refusal of a bad input.</summary>
    public abstract bool IsClearError(Exception exception);

    /// <summary>The most bytes one input may allocate on the calling thread (beyond it: an allocation finding).</summary>
    public virtual long AllocationLimit(int inputLength) => long.MaxValue;

    /// <summary>
    /// How many times a type outside the allow-list was instantiated (or found in a decoded message) so far; the campaign
    /// reports every input that raises it.
    /// </summary>
    public virtual long Instantiations => 0;

    /// <summary>Releases what the target holds (sockets, keys).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the target holds.</summary>
    /// <param name="disposing">Called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
