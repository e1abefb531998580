using System.Diagnostics;
using System.Net.Sockets;
using Thespian.Bases.MultiprocTcp;
using Thespian.Tests.Wire;

namespace Thespian.Tests.Unit.Transport;

/// <summary>
/// A receiving thread polls a busy connection before it blocks, and only a busy one: a connection is busy when its last
/// wait for the peer was short (at most four poll windows).
/// </summary>
[CancelAfter(30_000)]
public sealed class ReceivePollerTests
{
    private static readonly long OneSecond = Stopwatch.Frequency;
    private static readonly long OneMillisecond = Stopwatch.Frequency / 1000;

    /// <summary>A short wait (far below four windows of one second): the connection is busy from now on.</summary>
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
        var poller = new ReceivePoller(connection.Server.Socket, () => OneSecond);

        Assert.That(poller.PollForBytes(), Is.False, "a new connection is quiet: its thread blocks at once");
    }

    [Test]
    public async Task PollForBytes_BusyConnection_SeesBytesThatArriveWithinTheWindow(CancellationToken cancellationToken)
    {
        await using var connection = await LoopbackConnection.OpenAsync(cancellationToken);
        var poller = new ReceivePoller(connection.Server.Socket, () => OneSecond);
        MakeBusy(poller);

        var send = Task.Run(async () =>
        {
            await Task.Delay(20, cancellationToken);
            connection.Client.Write([1]);
        }, cancellationToken);

        Assert.That(poller.PollForBytes(), Is.True);
        await send;
    }

    [Test]
    public async Task PollForBytes_BusyConnection_GivesUpWhenTheWindowEnds(CancellationToken cancellationToken)
    {
        await using var connection = await LoopbackConnection.OpenAsync(cancellationToken);
        var window = OneSecond;
        var poller = new ReceivePoller(connection.Server.Socket, () => window);
        MakeBusy(poller);
        window = OneMillisecond;

        Assert.That(poller.PollForBytes(), Is.False);
    }

    [Test]
    public async Task Unblocked_AfterALongWait_TheConnectionIsQuietAgain(CancellationToken cancellationToken)
    {
        await using var connection = await LoopbackConnection.OpenAsync(cancellationToken);
        var window = OneSecond;
        var poller = new ReceivePoller(connection.Server.Socket, () => window);
        MakeBusy(poller);
        window = OneMillisecond;
        Assert.That(poller.PollForBytes(), Is.False);
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

    private static async Task WaitUntilReadable(Socket socket, CancellationToken cancellationToken)
    {
        while (socket.Available == 0)
        {
            await Task.Delay(1, cancellationToken);
        }
    }
}
