using System.Net;
using System.Net.Sockets;
using Thespian.Bases.MultiprocUdp;
using Thespian.Tests.Behaviour;
using Thespian.Wire;

namespace Thespian.Tests.Multiproc.Secret;

/// <summary>
/// A system with a shared secret, on each multiproc base, end to end with real processes: it works (create, Ask); a
/// second system object without the secret, or with another, cannot join (a clear exception); a hand-driven peer without
/// it is refused before anything it sends is read, and the refusal is logged with the peer and what to set; the secret
/// never shows in status, in the log, or on any process's command line.
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class SecretSystemTests(string systemBase) : MultiprocFixture
{
    private const string SecretText = "s3cret-7f3a9c-do-not-log";

    protected override string SystemBaseName => systemBase;

    [Test]
    public void SecretFile_CreateActorAndAsk_Answers()
    {
        var system = StartSystem(SecretFileCapability(SecretText));

        var echo = system.CreateActor<EchoActor>();

        Assert.That(system.Ask(echo, "through the secret", Patience), Is.EqualTo("through the secret"));
        Assert.That(PidOf(system, system.CreateActor<PidActor>()), Is.Not.EqualTo(Environment.ProcessId));
    }

    [Test]
    public void SecretCapability_StatusLogAndCommandLines_NeverShowTheSecret()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port, new Dictionary<string, object?> { [CommonCapabilities.ThespianSecret] = SecretText });
        var echo = system.CreateActor<EchoActor>();
        Assert.That(system.Ask(echo, "hello", Patience), Is.EqualTo("hello"));

        AssertNeverShown(system, CommonCapabilities.ThespianSecret, SecretText);
    }

    [Test]
    public void SecondSystem_WrongOrNoSecret_ClearExceptionAndTheSystemKeepsWorking([Values] bool withAnotherSecret)
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port, SecretFileCapability(SecretText));
        var echo = system.CreateActor<EchoActor>();

        var error = Assert.Throws<ActorSystemStartupFailureException>(
            () => JoinSystem(port, withAnotherSecret ? SecretFileCapability("another secret") : null));

        Assert.That(error!.Message, Does.Contain("secret").And.Contain("Thespian Secret File"));
        Assert.That(system.Ask(echo, "still here", Patience), Is.EqualTo("still here"));
        WaitForLogLine("the refused second system", " WARN ", "Refused input from", "secret", "Thespian Secret File");
    }

    [Test]
    public void RawPeerWithoutSecret_RefusedBeforeAnythingIsReadAndLogged()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port, SecretFileCapability(SecretText));

        var peer = AttemptWithoutSecret($"127.0.0.1:{port}", port);

        WaitForLogLine("the refused raw peer", " WARN ", $"Refused input from {peer}", "without this system's", "Thespian Secret File");
        Assert.That(system.Ask(system.CreateActor<EchoActor>(), "unharmed", Patience), Is.EqualTo("unharmed"));
    }

    [Test]
    public void ManyPeersWithoutSecret_EveryAttemptRefusedAndTheSystemKeepsWorking()
    {
        const int Attempts = 200;
        var port = FreeAdminPort();
        var system = JoinSystem(port, SecretFileCapability(SecretText));

        for (var i = 0; i < Attempts; i++)
        {
            AttemptWithoutSecret($"127.0.0.1:{port}", port);
        }

        TestContext.Out.WriteLine($"{systemBase}: {Attempts} unauthenticated attempts, {Attempts} refused");
        Assert.That(system.Ask(system.CreateActor<EchoActor>(), "unharmed", Patience), Is.EqualTo("unharmed"));
    }

    /// <summary>
    /// One raw attempt to talk to the admin without the secret, asserting it is refused before anything else is read;
    /// returns the peer's endpoint (as the refusal's log line names it).
    /// </summary>
    private string AttemptWithoutSecret(string adminEndpoint, int port)
    {
        if (systemBase == SystemBaseNames.MultiprocTcp)
        {
            using var connection = RawConnection.Open(adminEndpoint);
            var answer = connection.Greet(role: WireRole.Client);
            Assert.That(RawConnection.StatusOf(answer), Is.EqualTo((byte)HandshakeStatus.AuthenticationRequired));
            connection.Send(new byte[] { 16, 0, 0, 0 });
            Assert.That(connection.ExpectClosedByServer(), Is.Empty, "nothing more is answered, and the connection is closed");
            return connection.LocalEndpoint;
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(IPAddress.Loopback, port);
        var hello = new byte[DatagramCodec.HelloLength];
        DatagramCodec.WriteHello(hello, 7, WireRole.Client);
        socket.Send(hello);
        var reply = new byte[DatagramCodec.MaxDatagramBytes];
        socket.ReceiveTimeout = (int)Patience.TotalMilliseconds;
        var length = socket.Receive(reply);
        var (status, window) = DatagramCodec.ReadAnswer(reply.AsSpan(0, length));
        Assert.That(status, Is.EqualTo(HandshakeStatus.AuthenticationRequired));
        Assert.That(window, Is.Zero, "no room is offered to a peer without the secret");
        return socket.LocalEndPoint!.ToString()!;
    }

    private Dictionary<string, object?> SecretFileCapability(string secret)
    {
        var file = Path.Combine(WorkFolder, $"secret-{Guid.NewGuid():N}");
        File.WriteAllText(file, secret + "\n");
        return new Dictionary<string, object?> { [CommonCapabilities.ThespianSecretFile] = file };
    }
}
