using System.Diagnostics;
using Thespian.Bases.MultiprocTcp;
using Thespian.Sockets;
using Thespian.Tests.Wire;

namespace Thespian.Tests.Unit.Transport;

/// <summary>
/// What runs before a receiving thread waits (acknowledging) runs only when it is about to block for the peer's bytes:
/// not while frames are buffered, and not when a busy connection's poll sees the next bytes arrive.
/// </summary>
[CancelAfter(30_000)]
public sealed class SocketFrameReaderTests
{
    private const int Max = 1024 * 1024;

    [Test]
    public async Task ReadFrame_QuietConnection_RunsBeforeWaitingOncePerWait(CancellationToken cancellationToken)
    {
        await using var connection = await LoopbackConnection.OpenAsync(cancellationToken);
        var waits = 0;
        var reader = new SocketFrameReader(new PlainConnectionStream(connection.Server.Socket), Max, TimeSpan.FromSeconds(10),
                                           new ReceivePoller(connection.Server.Socket, () => 0), () => waits++);
        connection.Client.Write(WireBytes.Frames(WireBytes.Pattern(10, 1), WireBytes.Pattern(20, 2)));
        while (connection.Server.Socket.Available < 38)
        {
            await Task.Delay(1, cancellationToken);
        }

        Assert.That(reader.ReadFrame()?.ToArray(), Is.EqualTo(WireBytes.Pattern(10, 1)));
        Assert.That(reader.ReadFrame()?.ToArray(), Is.EqualTo(WireBytes.Pattern(20, 2)), "the second frame was buffered");
        Assert.That(waits, Is.EqualTo(1), "one receive fetched both frames");
    }

    [Test]
    public async Task ReadFrame_BusyConnection_DoesNotRunBeforeWaitingWhenThePollSeesBytes(CancellationToken cancellationToken)
    {
        await using var connection = await LoopbackConnection.OpenAsync(cancellationToken);
        var waits = 0;
        var reader = new SocketFrameReader(new PlainConnectionStream(connection.Server.Socket), Max, TimeSpan.FromSeconds(10),
                                           new ReceivePoller(connection.Server.Socket, () => Stopwatch.Frequency * 10), () => waits++);
        connection.Client.Write(WireBytes.Frame(WireBytes.Pattern(10, 1)));
        Assert.That(reader.ReadFrame()?.ToArray(), Is.EqualTo(WireBytes.Pattern(10, 1)));
        Assert.That(waits, Is.EqualTo(1), "a new connection is quiet: it waited once");

        // The first wait was short, so the connection is busy: its next wait polls and sees the frame arrive.
        using (ReceivePollerTests.SendLater(connection, WireBytes.Frame(WireBytes.Pattern(30, 3))))
        {
            Assert.That(reader.ReadFrame()?.ToArray(), Is.EqualTo(WireBytes.Pattern(30, 3)));
        }

        Assert.That(waits, Is.EqualTo(1), "the poll saw the bytes: no wait, so nothing ran before one");
    }
}
