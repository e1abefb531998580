using Thespian.Fuzzing.Engine;
using Thespian.Fuzzing.Targets;

namespace Thespian.Fuzzing;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    /// <summary>The targets' names, in the order the runner runs them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "tcp-frames", "tcp-socket", "handshake", "envelope", "udp-datagrams", "source-zip", "signed-package", "signed-fields",
    ];

    /// <summary>Makes the target named <paramref name="name"/> (the caller disposes it).</summary>
    /// <exception cref="ArgumentException">No target has that name.</exception>
    public static FuzzTarget Create(string name) => name switch
    {
        "tcp-frames" => new FrameStreamTarget(),
        "tcp-socket" => new SocketFrameTarget(),
        "handshake" => new HandshakeTarget(),
        "envelope" => new EnvelopeTarget(),
        "udp-datagrams" => new DatagramTarget(),
        "source-zip" => new SourceZipTarget(),
        "signed-package" => new SignedPackageTarget(),
        "signed-fields" => new SignedFieldsTarget(),
        _ => throw new ArgumentException($"No fuzz target is named '{name}'; the targets are {string.Join(", ", Names)}.", nameof(name)),
    };
}
