using System.Net;
using System.Net.Sockets;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// Back-pressure across processes (guide §4.1): a busy target stops reading, TCP pushes back, the sender's
/// bounded queue fills, and Tell blocks — memory does not grow without bound; once the target works
/// again everything arrives, in order.
/// </summary>
[TestFixture]
public sealed class BackPressureTests() : BaseFixture(SystemBaseNames.MultiprocTcp)
{
    private const int Messages = 200_000;

    public sealed record HoldOn(int Port);

    /// <summary>On "hold", blocks until the test writes a byte to the socket it connects to; then counts messages in order.</summary>
    public sealed class HeldCounter : Actor
    {
        private int _expected;
        private ActorAddress? _requester;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case HoldOn hold:
                    _requester = sender;
                    using (var client = new TcpClient())
                    {
                        client.Connect(IPAddress.Loopback, hold.Port);
                        _ = client.GetStream().ReadByte();
                    }

                    break;
                case int number when number == _expected:
                    _expected++;
                    if (_expected == Messages)
                    {
                        Send(_requester!, "all in order");
                    }

                    break;
                case int number:
                    Send(_requester!, $"expected {_expected}, got {number}");
                    break;
            }
        }
    }

    [Test]
    public void Tell_TargetBusy_SenderBlocksUntilTheTargetWorksAgainAndNothingIsLost()
    {
        var actor = System.CreateActor<HeldCounter>();
        using var gate = new TcpListener(IPAddress.Loopback, 0);
        gate.Start();
        System.Tell(actor, new HoldOn(((IPEndPoint)gate.LocalEndpoint).Port));
        using var held = gate.AcceptTcpClient();

        var sent = 0;
        var sender = Task.Run(() =>
        {
            for (var i = 0; i < Messages; i++)
            {
                System.Tell(actor, i);
                Interlocked.Increment(ref sent);
            }
        });

        Assert.That(sender.Wait(TimeSpan.FromSeconds(3)), Is.False, "Tell blocks while the target is busy");
        Assert.That(Volatile.Read(ref sent), Is.LessThan(Messages).And.GreaterThan(0));

        held.GetStream().WriteByte(1);
        Assert.That(sender.Wait(TimeSpan.FromSeconds(60)), Is.True, "the sender continues once the target works again");
        Assert.That(System.Listen(TimeSpan.FromSeconds(60)), Is.EqualTo("all in order"));
    }
}
