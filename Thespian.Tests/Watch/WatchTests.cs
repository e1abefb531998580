using System.Net;
using System.Net.Sockets;

namespace Thespian.Tests.Watch;

/// <summary>
/// The Watch extension (guide §4.8): an actor watches file descriptors until its next message; when
/// some are readable it receives a <see cref="WatchMessage"/> naming them.
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class WatchTests(string systemBase) : BaseFixture(systemBase)
{
    public sealed record Listening(int Port, int Descriptor);

    public sealed record Accepted(int Descriptor, IReadOnlyList<int> Ready, string Line);

    /// <summary>A tiny server: listens on a loopback port and watches the listening socket.</summary>
    public sealed class WatchingServer : Actor
    {
        private TcpListener? _listener;
        private ActorAddress? _requester;
        private bool _paused;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "listen":
                    _requester = sender;
                    _listener = new TcpListener(IPAddress.Loopback, 0);
                    _listener.Start();
                    Send(sender, new Listening(((IPEndPoint)_listener.LocalEndpoint).Port, Descriptor));
                    break;
                case WatchMessage watch when _listener is not null && _requester is not null:
                    using (var client = _listener.AcceptTcpClient())
                    using (var reader = new StreamReader(client.GetStream()))
                    {
                        Send(_requester, new Accepted(Descriptor, watch.Ready.ToList(), reader.ReadLine() ?? ""));
                    }

                    break;
                case "pause":
                    _paused = true;
                    Send(sender, "paused");
                    break;
                case "resume":
                    _paused = false;
                    Send(sender, "resumed");
                    break;
                case ActorExitRequest:
                    _listener?.Stop();
                    return;
            }

            if (_listener is not null && !_paused)
            {
                Watch(new ThespianWatch([Descriptor]));
            }
        }

        private int Descriptor => (int)_listener!.Server.Handle;
    }

    /// <summary>Calls Watch and reports what happened.</summary>
    public sealed class TriesToWatch : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is not "watch")
            {
                return;
            }

            try
            {
                Watch(new ThespianWatch([0]));
                Send(sender, "watching");
            }
            catch (NotSupportedException ex)
            {
                Send(sender, ex.Message);
            }
        }
    }

    [Test]
    public void Capability_WatchSupported_IsTrueExactlyOnMultiprocBases()
    {
        Assert.That(System.Capabilities[CommonCapabilities.WatchSupported], Is.EqualTo(IsMultiproc));
    }

    [Test]
    public void Watch_ListeningSocketBecomesReadable_ActorGetsWatchMessageNamingIt()
    {
        if (!IsMultiproc)
        {
            Assert.That(System.Ask(System.CreateActor<TriesToWatch>(), "watch", Patience),
                        Does.Contain("Thespian Watch Supported"), "the simple base refuses Watch and says why");
            return;
        }

        var server = System.CreateActor<WatchingServer>();
        var listening = AskFor<Listening>(server, "listen");

        using (var client = new TcpClient())
        {
            client.Connect(IPAddress.Loopback, listening.Port);
            using var writer = new StreamWriter(client.GetStream()) { AutoFlush = true };
            writer.WriteLine("hello over the watched socket");
            var accepted = ListenFor<Accepted>();

            Assert.Multiple(() =>
            {
                Assert.That(accepted.Ready, Is.EqualTo(new List<int> { listening.Descriptor }));
                Assert.That(accepted.Line, Is.EqualTo("hello over the watched socket"));
            });
        }
    }

    [Test]
    public void Watch_NotRenewedOnTheNextMessage_LapsesUntilRenewed()
    {
        if (!IsMultiproc)
        {
            Assert.Pass("Watch is refused on the simple base (see the test above).");
        }

        var server = System.CreateActor<WatchingServer>();
        var listening = AskFor<Listening>(server, "listen");
        Assert.That(System.Ask(server, "pause", Patience), Is.EqualTo("paused"));

        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, listening.Port);
        using var writer = new StreamWriter(client.GetStream()) { AutoFlush = true };
        writer.WriteLine("waiting in the backlog");
        AssertNothingArrives();

        Assert.That(System.Ask(server, "resume", Patience), Is.EqualTo("resumed"));
        Assert.That(ListenFor<Accepted>().Line, Is.EqualTo("waiting in the backlog"));
    }
}
