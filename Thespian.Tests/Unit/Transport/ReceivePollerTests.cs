using System.Diagnostics;
using System.Net.Sockets;
using Thespian.Sockets;
using Thespian.Tests.Wire;

namespace Thespian.Tests.Unit.Transport;

/// <summary>
/// A receiving thread polls a busy connection before it blocks, and only a busy one: a connection is busy when its last
/// wait for the peer was short (at most four poll windows).
/// </summary>
[CancelAfter(30_000)]
public sealed class ReceivePollerTests
{
    private static readonly long TenSeconds = Stopwatch.Frequency * 10;
    private static readonly long OneMillisecond = Stopwatch.Frequency / 1000;

    /// <summary>A short wait (far below four windows of ten seconds): the connection is busy from now on.</summary>
    private static void MakeBusy(ReceivePoller poller)
    {
        Assert.That(poller.PollForBytes(), Is.False, "nothing sent yet");
        poller.Unblocked();
    }

    [Test]
    public async Task PollForBytes_QuietConnection_DoesNotLook(CancellationToken cancellationToken)
    {
        await using var connection = await LoopbackConnection.OpenAsync(cancellationToken);
        connection.Client.Write([1]);
        await WaitUntilReadable(connection.Server.Socket, cancellationToken);
        var poller = new ReceivePoller(connection.Server.Socket, () => TenSeconds);

        Assert.That(poller.PollForBytes(), Is.False, "a new connection is quiet: its thread blocks at once");
    }

    [Test]
    public async Task PollForBytes_BusyConnection_SeesBytesThatArriveWithinTheWindow(CancellationToken cancellationToken)
    {
        await using var connection = await LoopbackConnection.OpenAsync(cancellationToken);
        var poller = new ReceivePoller(connection.Server.Socket, () => TenSeconds);
        MakeBusy(poller);

        using var send = SendLater(connection, [1]);

        Assert.That(poller.PollForBytes(), Is.True);
    }

    [Test]
    public async Task PollForBytes_BusyConnectionWithoutBytes_GivesUpAfterTheWindowAndALongWaitMakesItQuiet(CancellationToken cancellationToken)
    {
        await using var connection = await LoopbackConnection.OpenAsync(cancellationToken);
        var window = TenSeconds;
        var poller = new ReceivePoller(connection.Server.Socket, () => window);
        MakeBusy(poller);
        window = OneMillisecond;
        Assert.That(poller.PollForBytes(), Is.False, "nothing came within the window: it gives up");
        await Task.Delay(50, cancellationToken); // far longer than four windows of 1 ms
        poller.Unblocked();

        connection.Client.Write([1]);
        await WaitUntilReadable(connection.Server.Socket, cancellationToken);
        Assert.That(poller.PollForBytes(), Is.False, "quiet again: it does not look");
    }

    [Test]
    public async Task PollForBytes_WindowZero_NeverPolls(CancellationToken cancellationToken)
    {
        await using var connection = await LoopbackConnection.OpenAsync(cancellationToken);
        var poller = new ReceivePoller(connection.Server.Socket, () => 0);
        poller.PollForBytes();
        poller.Unblocked();

        connection.Client.Write([1]);
        await WaitUntilReadable(connection.Server.Socket, cancellationToken);
        Assert.That(poller.PollForBytes(), Is.False);
    }

    /// <summary>
    /// Sends <paramref name="bytes"/> from a thread of its own 20 ms from now (not from the thread pool, which the
    /// polling test thread and parallel tests may keep busy for longer than a poll window).
    /// </summary>
    internal static Sender SendLater(LoopbackConnection connection, byte[] bytes) => new(connection, bytes);

    private static async Task WaitUntilReadable(Socket socket, CancellationToken cancellationToken)
    {
        while (socket.Available == 0)
        {
            await Task.Delay(1, cancellationToken);
        }
    }

    internal sealed class Sender : IDisposable
    {
        private readonly Thread _thread;

        public Sender(LoopbackConnection connection, byte[] bytes)
        {
            _thread = new Thread(() =>
            {
                Thread.Sleep(20);
                connection.Client.Write(bytes);
            }) { IsBackground = true, Name = "test sender" };
            _thread.Start();
        }

        public void Dispose() => _thread.Join();
    }
}
