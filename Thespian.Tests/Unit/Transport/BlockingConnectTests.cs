using System.Net;
using System.Net.Sockets;
using Thespian.Bases.MultiprocTcp;

namespace Thespian.Tests.Unit.Transport;

/// <summary>
/// Opening an outbound TCP connection: an endpoint that listens is connected to; one where nothing listens any more
/// (its process is gone) is refused — reported as a refusal, at the first attempt, not retried until the connect timeout
/// (that turned every message to an exited actor into a 10 s wait and a lost dead letter in the behavioural tests).
/// </summary>
public sealed class BlockingConnectTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Test]
    public void Open_AListeningEndpoint_Connects()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(8);

        using var socket = BlockingConnect.Open(listener.LocalEndPoint!.ToString()!, Timeout, stopping: () => false);

        Assert.Multiple(() =>
        {
            Assert.That(socket.Connected, Is.True);
            Assert.That(socket.Blocking, Is.True, "the socket stays in blocking mode");
        });
    }

    [Test]
    public void Open_AnEndpointNothingListensOn_IsRefusedAtTheFirstAttempt([Values(1, 20)] int times)
    {
        for (var i = 0; i < times; i++)
        {
            var closed = ClosedEndpoint();
            var attempts = 0;

            var refusal = Assert.Throws<SocketException>(() => BlockingConnect.Open(closed, Timeout, stopping: () => ++attempts > 1));

            Assert.That(refusal!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused), $"attempt {i}: {refusal.Message}");
        }
    }

    /// <summary>An endpoint that listened a moment ago and listens no more.</summary>
    private static string ClosedEndpoint()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        return listener.LocalEndPoint!.ToString()!;
    }
}
