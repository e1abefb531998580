using System.Net;
using System.Net.Sockets;

namespace Thespian.Tests.Diagnostics;

/// <summary>
/// <c>thespian.backpressure.waits</c> on the multiproc bases: a target that stops handling makes the application's
/// outbound queue fill, and the send that finds it full is counted in the application's process. (The simple base
/// delivers synchronously and never waits.)
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
[NonParallelizable]
public sealed class BackPressureMetricTests(string systemBase) : BaseFixture(systemBase)
{
    private const int Messages = 200_000;

    /// <summary>Blocks until the test writes a byte to the port it names.</summary>
    public sealed record HoldOn(int Port);

    /// <summary>On <see cref="HoldOn"/>, blocks until released; counts the numbers it gets and says when it has them all.</summary>
    public sealed class HeldActor : Actor
    {
        private int _count;
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
                case int when ++_count == Messages:
                    Send(_requester!, "all arrived");
                    break;
            }
        }
    }

    [OneTimeSetUp]
    public void ListenInThisProcess() => ProcessMeters.Start();

    [Test]
    public async Task Tell_TargetHeld_TheWaitForRoomIsCounted()
    {
        var key = ProcessMeters.Key("thespian.backpressure.waits", SystemBase);
        var before = ProcessMeters.Snapshot().GetValueOrDefault(key);
        var actor = System.CreateActor<HeldActor>();
        using var gate = new TcpListener(IPAddress.Loopback, 0);
        gate.Start();
        System.Tell(actor, new HoldOn(((IPEndPoint)gate.LocalEndpoint).Port));
        using var held = gate.AcceptTcpClient();

        var sending = Task.Run(() =>
        {
            for (var i = 0; i < Messages; i++)
            {
                System.Tell(actor, i);
            }
        });
        Eventually(() => ProcessMeters.Snapshot().GetValueOrDefault(key) > before, "a send waits for room and is counted");
        held.GetStream().WriteByte(1);
        await sending.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(System.Listen(TimeSpan.FromSeconds(60)), Is.EqualTo("all arrived"));
    }
}
