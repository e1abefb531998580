using Thespian.Bases.MultiprocUdp;
using Thespian.Wire;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// One reader of a handshake message (the handshake target fuzzes every reader listed in <see cref="HandshakeReaders.All"/>).
/// </summary>
/// <param name="Name">The message read.</param>
/// <param name="Seeds">Valid messages made by the product's writers.</param>
/// <param name="Read">Reads a message as the product does; throws the documented refusal on a bad one.</param>
internal sealed record HandshakeReader(string Name, IReadOnlyList<byte[]> Seeds, Action<byte[]> Read);

/// <summary>
/// The readers of handshake messages. A new handshake message (a challenge, a response) gets fuzzed by adding its
/// reader here, with seeds from its writer.
/// </summary>
internal static class HandshakeReaders
{
    public static IReadOnlyList<HandshakeReader> All { get; } =
    [
        new("hello", [.. Enum.GetValues<WireRole>().Select(WireSeeds.Hello)], bytes => Handshake.ReadHello(bytes)),
        new("reply", [.. Enum.GetValues<HandshakeStatus>().Select(WireSeeds.Reply)], ReadReply),
        new("accept", [.. Enum.GetValues<WireRole>().Select(WireSeeds.Hello)], Accept),
        new("connect", [.. Enum.GetValues<HandshakeStatus>().Select(WireSeeds.Reply)], Connect),
        new("udp-hello", [.. Enum.GetValues<WireRole>().Select(UdpHello)], bytes => DatagramCodec.ReadHello(bytes)),
        new("udp-answer", [.. Enum.GetValues<HandshakeStatus>().Select(UdpAnswer)], bytes => DatagramCodec.ReadAnswer(bytes)),
        AuthenticatedHandshakeReaders.Accept,
        AuthenticatedHandshakeReaders.Connect,
    ];

    /// <summary>An answer as the connecting side takes it: the status, and the refusal it turns into.</summary>
    private static void ReadReply(byte[] bytes)
    {
        var status = Handshake.ReadReply(bytes);
        if (status != HandshakeStatus.Accepted)
        {
            throw Handshake.Refused(status, WireRole.Peer);
        }
    }

    /// <summary>The accepting side over a stream: reads the greeting, writes its answer.</summary>
    private static void Accept(byte[] bytes)
    {
        using var stream = new ReplyStream(bytes);
        Handshake.AcceptAsync(stream, TimeSpan.FromSeconds(1), role => role != WireRole.AdminProbe).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The connecting side over a stream: writes its greeting, reads the answer.</summary>
    private static void Connect(byte[] bytes)
    {
        using var stream = new ReplyStream(bytes);
        Handshake.ConnectAsync(stream, WireRole.Peer, TimeSpan.FromSeconds(1)).AsTask().GetAwaiter().GetResult();
    }

    private static byte[] UdpHello(WireRole role)
    {
        var datagram = new byte[DatagramCodec.HelloLength];
        DatagramCodec.WriteHello(datagram, 0x0102030405060708, role);
        return datagram;
    }

    private static byte[] UdpAnswer(HandshakeStatus status)
    {
        var datagram = new byte[DatagramCodec.AnswerLength];
        DatagramCodec.WriteAnswer(datagram, 0x0102030405060708, status, 64);
        return datagram;
    }

    /// <summary>A stream that reads the given bytes (then its end) and swallows what is written.</summary>
    private sealed class ReplyStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanWrite => true;

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
