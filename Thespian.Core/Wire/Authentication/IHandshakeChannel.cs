namespace Thespian.Wire.Authentication;

/// <summary>
/// The bytes of a handshake in each direction, blocking (a socket, or in tests and fuzzing a buffer): what
/// <see cref="AuthenticatedHandshake"/> needs and nothing more.
/// </summary>
internal interface IHandshakeChannel
{
    /// <summary>Sends every byte.</summary>
    void Send(ReadOnlySpan<byte> bytes);

    /// <summary>Fills <paramref name="buffer"/>, or throws a <see cref="WireProtocolException"/> naming <paramref name="what"/> when it cannot (closed, too slow).</summary>
    void Receive(Span<byte> buffer, string what);
}
