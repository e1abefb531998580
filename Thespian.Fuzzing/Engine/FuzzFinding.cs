namespace Thespian.Fuzzing.Engine;

/// <summary>What kind of defect an input revealed.</summary>
public enum FindingKind
{
    /// <summary>An exception that is not the target's documented refusal.</summary>
    Crash,

    /// <summary>An input that took longer than the per-input budget (or never finished).</summary>
    Hang,

    /// <summary>A type outside the allow-list was instantiated (or reached the decoded message).</summary>
    Instantiation,

    /// <summary>An input allocated more than the target's limit.</summary>
    Allocation,
}

/// <summary>One input that revealed a defect, kept so it can be replayed and minimized.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Index">The input's index in the campaign (with the seed, it reproduces the input).</param>
/// <param name="Input">The input.</param>
/// <param name="Detail">The exception, the time taken or the bytes allocated.</param>
public sealed record FuzzFinding(FindingKind Kind, long Index, byte[] Input, string Detail)
{
    /// <summary>The finding in a line, with the input in hexadecimal (its first 256 bytes).</summary>
    public override string ToString() =>
        $"{Kind} at input {Index} ({Input.Length} bytes): {Detail}\n  input: {Convert.ToHexString(Input.AsSpan(0, Math.Min(Input.Length, 256)))}" +
        (Input.Length > 256 ? "…" : "");
}
