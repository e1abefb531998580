using System.Net;
using System.Net.Sockets;
using Thespian.Bases.MultiprocTcp;
using Thespian.Fuzzing.Engine;
using Thespian.Wire;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// A real inbound TCP connection on loopback, read as the TCP transport's receiving thread reads it: the blocking
/// handshake (<see cref="BlockingHandshake.Accept"/>; a return path's endpoint after it), then frames through
/// <see cref="SocketFrameReader"/>, each read as an envelope. The input is what the peer sends before it shuts its side
/// down. Refusal: <see cref="WireProtocolException"/>.
/// </summary>
internal sealed class SocketFrameTarget : FuzzTarget
{
    private readonly Socket _listener;
    private readonly IPEndPoint _endpoint;

    public SocketFrameTarget()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        _endpoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public override string Name => "tcp-socket";

    public override string Description => "loopback TCP: BlockingHandshake.Accept, then SocketFrameReader + Envelope.Read";

    public override int MaxInputBytes => 32 * 1024;

    public override IReadOnlyList<FuzzSeed> CreateSeeds()
    {
        var envelopes = WireSeeds.Envelopes(WireSeeds.Bodies()).ToList();
        var seeds = new List<FuzzSeed>();
        foreach (var role in Enum.GetValues<WireRole>())
        {
            var stream = new List<byte>(WireSeeds.Hello(role));
            var fields = new List<LengthField>();
            if (role == WireRole.ReturnPath)
            {
                fields.Add(new LengthField(stream.Count, 2));
                stream.AddRange([14, 0, .. "127.0.0.1:1900"u8]);
            }
            else
            {
                foreach (var envelope in envelopes.Take(1 + ((int)role % 3)))
                {
                    fields.Add(new LengthField(stream.Count, 4));
                    fields.Add(WireSeeds.EndpointLength(stream.Count + WireProtocol.FrameHeaderLength));
                    stream.AddRange(WireSeeds.Frame(envelope));
                }
            }

            seeds.Add(new FuzzSeed([.. stream], fields));
        }

        return seeds;
    }

    public override IReadOnlyList<byte[]> Tokens => WireSeeds.Tokens;

    public override void Run(byte[] input)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(_endpoint);
        using var accepted = _listener.Accept();
        client.Send(input);
        client.Shutdown(SocketShutdown.Send);
        accepted.Blocking = true;
        var connection = new PlainConnectionStream(accepted);
        var role = BlockingHandshake.Accept(connection, TimeSpan.FromSeconds(2), _ => true);
        if (role == WireRole.ReturnPath)
        {
            _ = BlockingHandshake.ReadReturnPathEndpoint(connection, TimeSpan.FromSeconds(2));
            return;
        }

        var reader = new SocketFrameReader(connection, FrameStreamTarget.MaxFrameBytes, TimeSpan.FromSeconds(2));
        while (reader.ReadFrame() is { } frame)
        {
            _ = Envelope.Read(frame, keepBody: reader.LastFrameDetached);
        }
    }

    public override bool IsClearError(Exception exception) => ClearErrors.IsWireRefusal(exception);

    public override long AllocationLimit(int inputLength) => (3L * FrameStreamTarget.MaxFrameBytes) + (4L * inputLength) + (256 * 1024);

    protected override void Dispose(bool disposing)
    {
        _listener.Dispose();
        base.Dispose(disposing);
    }
}
