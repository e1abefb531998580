using System.Buffers.Binary;
using System.Text;
using Thespian.Multiproc;
using Thespian.Tests.Behaviour;
using Thespian.Wire;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// Bad input on a real port — the admin's, and an actor host's — from a hand-driven connection. A wire
/// violation (handshake, frame) closes that connection at once and is logged as a warning naming it; a
/// well-framed envelope whose body is refused (a forged type, non-JSON) is logged and dead-lettered while
/// the connection carries on. Either way the process keeps serving: a normal Ask still answers.
/// </summary>
/// <remarks>
/// An actor host's endpoint is taken from the test process's own address book
/// (<c>Node.Book.RouteOf(actor.Id)</c>): the admin hands it to the creator with the new address, and it
/// is the endpoint the test's own Asks to that actor travel to, so it is exactly the host's listening port.
/// </remarks>
public sealed class MalformedInputTests : MultiprocFixture
{
    /// <summary>Which listening port receives the bad input.</summary>
    public enum Port
    {
        Admin,
        ActorHost,
    }

    private const string ForgedTypeName = "System.Diagnostics.Process, System.Diagnostics.Process";

    private ActorSystem _system = null!;
    private ActorAddress _actor = null!;
    private int _actorPid;
    private ActorAddress _watcher = null!;

    private MultiprocNode Node => BaseOf(_system).Node;

    [Test]
    public void Connection_GarbageInsteadOfHandshake_ClosedLoggedAndTheSystemKeepsWorking([Values] Port port)
    {
        var (endpoint, pid) = Prepare(port);
        using var connection = RawConnection.Open(endpoint);

        connection.Send("GET / HTTP/1.1\r\nHost: thespian\r\n\r\n"u8);

        Assert.That(connection.ExpectClosedByServer(), Is.Empty, "nothing is answered to a stranger");
        WaitForLogLine("the refused greeting", " WARN ", $"[{pid}]", $"Refused input from {connection.LocalEndpoint}",
                       "WireProtocolException", "wrong magic bytes");
        AssertTheSystemKeepsWorking();
    }

    [Test]
    public void Connection_HandshakeThenTruncatedFrame_ClosedLoggedAndTheSystemKeepsWorking([Values] Port port)
    {
        var (endpoint, pid) = Prepare(port);
        using var connection = RawConnection.Open(endpoint);
        connection.HandshakeCorrectly();

        connection.Send(LengthPrefix(100));
        connection.Send(new byte[10]);
        connection.StopSending();

        Assert.That(connection.ExpectClosedByServer(), Is.Empty, "no acknowledgement for a frame that never completed");
        WaitForLogLine("the truncated frame", " WARN ", $"[{pid}]", $"Refused input from {connection.LocalEndpoint}",
                       "closed in the middle of a frame");
        AssertTheSystemKeepsWorking();
    }

    [Test]
    public void Connection_FrameLengthAboveTheMaximum_RefusedAtTheHeaderClosedLoggedAndTheSystemKeepsWorking([Values] Port port)
    {
        var (endpoint, pid) = Prepare(port);
        using var connection = RawConnection.Open(endpoint);
        connection.HandshakeCorrectly();

        // Only the length prefix: a reader that allocated and waited for 2 GiB would keep the connection
        // open until its 30-s frame deadline; one that checks the length first closes it at once.
        connection.Send(LengthPrefix(int.MaxValue));

        Assert.That(connection.ExpectClosedByServer(), Is.Empty);
        WaitForLogLine("the oversized frame", " WARN ", $"[{pid}]", $"Refused input from {connection.LocalEndpoint}",
                       $"A frame of {int.MaxValue} bytes exceeds the maximum of {WireProtocol.DefaultMaxFrameBytes} bytes",
                       WireProtocol.MaxMessageSizeCapability);
        Assert.That(LogHas($"[{pid}]", connection.LocalEndpoint, "did not arrive in full"), Is.False,
                    "refused at the header, not after waiting for the payload");
        AssertTheSystemKeepsWorking();
    }

    [Test]
    public void Connection_EnvelopeNamingAForgedType_RefusedLoggedAndTheConnectionCarriesOn([Values] Port port)
    {
        var (endpoint, pid) = Prepare(port);
        using var connection = RawConnection.Open(endpoint);
        connection.HandshakeCorrectly();

        connection.SendEnvelope(BadEnvelope(port, Encoding.UTF8.GetBytes($$"""{"$type":"{{ForgedTypeName}}"}"""), connection));

        Assert.That(connection.ReadAcknowledgement(), Is.EqualTo(1), "the frame itself was well formed: received and acknowledged");
        var refusal = WaitForLogLine("the refused type", " WARN ", $"[{pid}]", $"refused type {ForgedTypeName} (not allowed to travel)");
        AssertRefusalAndAftermath(port, connection, refusal, $"refused type {ForgedTypeName}");
    }

    [Test]
    public void Connection_EnvelopeWithNonJsonBody_RefusedLoggedAndTheConnectionCarriesOn([Values] Port port)
    {
        var (endpoint, pid) = Prepare(port);
        using var connection = RawConnection.Open(endpoint);
        connection.HandshakeCorrectly();

        connection.SendEnvelope(BadEnvelope(port, "<<this is not JSON>> {{{ \u0001\u0002"u8.ToArray(), connection));

        Assert.That(connection.ReadAcknowledgement(), Is.EqualTo(1), "the frame itself was well formed: received and acknowledged");
        var refusal = WaitForLogLine("the malformed body", " WARN ", $"[{pid}]", "malformed message (");
        AssertRefusalAndAftermath(port, connection, refusal, "malformed message (");
    }

    [TestCase("forged-type")]
    [TestCase("non-json")]
    public void AdminPort_MessageToTheSystemAddressWithARefusedBody_RefusedLoggedAndDeadLettered(string body)
    {
        var (endpoint, pid) = Prepare(Port.Admin);
        using var connection = RawConnection.Open(endpoint);
        connection.HandshakeCorrectly();
        var (bytes, reason) = body == "forged-type"
            ? (Encoding.UTF8.GetBytes($$"""{"$type":"{{ForgedTypeName}}"}"""), $"refused type {ForgedTypeName}")
            : ("<<this is not JSON>>"u8.ToArray(), "malformed message (");

        // A user-level message to the system itself (what status requests are): the admin reads its body.
        connection.SendEnvelope(new Envelope(EnvelopeKind.Deliver, _system.SystemAddress.Id, _system.EndpointAddress.Id, ActorId.Zero,
                                             Node.LocalEndpoint, bytes));

        Assert.That(connection.ReadAcknowledgement(), Is.EqualTo(1));
        var refusal = WaitForLogLine("the refused message", " WARN ", $"[{pid}]", $"Refused a message for {_system.SystemAddress}", reason);
        Assert.That(refusal, Does.Contain("dead-lettered"));

        // A dead letter made after the refusal follows the same path (the admin's event loop, its connection to
        // the handler, the handler's mailbox): once it has reached the handler, the refused one has too, if sent.
        var before = DeadLetterBarrier();
        Assert.That(before.OfType<DeadLetterSeen>().Any() || LogHas($"Refused a message for {_watcher}", reason), Is.True,
                    "the refused message, logged as dead-lettered, reached the registered dead-letter handler " +
                    "(as a DeadEnvelope, or refused again by the handler's process) before a later dead letter did");
        AssertTheSystemKeepsWorking();
    }

    [Test]
    public void Connection_HandshakeWithAnotherVersion_AnsweredVersionMismatchClosedLoggedAndTheSystemKeepsWorking([Values] Port port)
    {
        var (endpoint, pid) = Prepare(port);
        using var connection = RawConnection.Open(endpoint);

        var answer = connection.Greet(version: WireProtocol.Version + 1);

        Assert.That(RawConnection.StatusOf(answer), Is.EqualTo((byte)HandshakeStatus.VersionMismatch));
        Assert.That(connection.ExpectClosedByServer(), Is.Empty);
        WaitForLogLine("the version mismatch", " WARN ", $"[{pid}]", $"Refused input from {connection.LocalEndpoint}",
                       $"version {WireProtocol.Version + 1}; this build speaks {WireProtocol.Version}");
        AssertTheSystemKeepsWorking();
    }

    /// <summary>Starts the system with an actor and a registered dead-letter watcher; returns the attacked endpoint and its pid.</summary>
    private (string Endpoint, int ProcessId) Prepare(Port port)
    {
        _system = StartSystem();
        _actor = _system.CreateActor<PidActor>();
        _actorPid = PidOf(_system, _actor);
        _watcher = _system.CreateActor<DeadLetterWatcher>();
        Assert.That(_system.Ask(_watcher, "register", Patience), Is.EqualTo("registered"));
        var processes = TrackProcessesOf(_system);
        return port == Port.Admin
            ? (Node.AdminEndpoint!, processes.AdminProcessId)
            : (Node.Book.RouteOf(_actor.Id) ?? throw new AssertionException("the test process knows no route to the actor"), _actorPid);
    }

    /// <summary>
    /// A well-framed envelope with a bad body: for the admin a control record (what the admin reads);
    /// for the host a message to its actor, from the test's endpoint (so the host can route answers back).
    /// </summary>
    private Envelope BadEnvelope(Port port, byte[] body, RawConnection connection) => port == Port.Admin
        ? new Envelope(EnvelopeKind.Control, ActorId.Zero, ActorId.Zero, ActorId.Zero, connection.LocalEndpoint, body)
        : new Envelope(EnvelopeKind.Deliver, _actor.Id, _system.EndpointAddress.Id, ActorId.Zero, Node.LocalEndpoint, body);

    /// <summary>
    /// After a refused body: the line names the refusal (for the admin: the control record from this
    /// connection; for the host: the message for its actor, dead-lettered), the same connection still
    /// carries a valid message that is answered, and for the host the refused message went on to the
    /// dead-letter handler (observed as a <see cref="DeadLetterSeen"/> or, since the handler's process
    /// refuses the body too, as its own refusal line).
    /// </summary>
    private void AssertRefusalAndAftermath(Port port, RawConnection connection, string refusal, string reason)
    {
        if (port == Port.Admin)
        {
            Assert.That(refusal, Does.Contain($"Refused a control record from {connection.LocalEndpoint}: {reason}"));
            connection.SendEnvelope(new Envelope(EnvelopeKind.Deliver, _system.SystemAddress.Id, _system.EndpointAddress.Id, ActorId.Zero,
                                                 Node.LocalEndpoint, Node.Serializer.Serialize(new ThespianStatusRequest())));
            Assert.That(connection.ReadAcknowledgement(), Is.EqualTo(1));
            Assert.That(_system.Listen(Patience), Is.InstanceOf<ThespianSystemStatus>(),
                        "the admin answered a valid message on the same connection");
            AssertTheSystemKeepsWorking();
            return;
        }

        Assert.That(refusal, Does.Contain($"Refused a message for {_actor} from {_system.EndpointAddress}: {reason}"));
        Assert.That(refusal, Does.Contain("dead-lettered"));
        connection.SendEnvelope(new Envelope(EnvelopeKind.Deliver, _actor.Id, _system.EndpointAddress.Id, ActorId.Zero,
                                             Node.LocalEndpoint, Node.Serializer.Serialize("pid")));
        Assert.That(connection.ReadAcknowledgement(), Is.EqualTo(1));
        var seen = new List<object>();
        object? message;
        while ((message = _system.Listen(Patience)) is not null and not int)
        {
            seen.Add(message);
        }

        Assert.That(message, Is.EqualTo(_actorPid), "the actor answered a valid message on the same connection");

        // Nothing is lost and nothing is instantiated: the handler gets a DeadEnvelope whose message is the refused text.
        var deadLetter = seen.OfType<DeadLetterSeen>().FirstOrDefault() ?? _system.Listen(Patience) as DeadLetterSeen;
        Assert.That(deadLetter, Is.Not.Null, $"the refused message reached the dead-letter handler; seen: [{string.Join(", ", seen)}]");
        Assert.Multiple(() =>
        {
            Assert.That(deadLetter!.DeadAddress, Is.EqualTo(_actor));
            Assert.That(deadLetter.DeadMessage, Is.TypeOf<string>(), "the refused body, as text");
        });
        AssertTheSystemKeepsWorking();
    }

    /// <summary>
    /// Sends a message to an address that never existed (it becomes a dead letter through the admin) and
    /// waits until the watcher reports it; returns what reached the endpoint before it.
    /// </summary>
    private List<object> DeadLetterBarrier()
    {
        var nowhere = ActorAddress.CreateNew();
        _system.Tell(nowhere, "barrier");
        var before = new List<object>();
        while (true)
        {
            var message = _system.Listen(Patience);
            Assert.That(message, Is.Not.Null, $"the barrier dead letter reached the watcher; before it: [{string.Join(", ", before)}]");
            if (message is DeadLetterSeen { DeadMessage: "barrier" } barrier && barrier.DeadAddress == nowhere)
            {
                return before;
            }

            before.Add(message!);
        }
    }

    /// <summary>The actor still answers, the admin still creates actors and answers status.</summary>
    private void AssertTheSystemKeepsWorking()
    {
        Assert.That(_system.Ask(_actor, "pid", Patience), Is.EqualTo(_actorPid), "the first actor still answers");
        var another = _system.CreateActor<PidActor>();
        Assert.That(PidOf(_system, another), Is.Not.EqualTo(_actorPid), "the admin still creates actors");
        Assert.That(_system.Ask(_system.SystemAddress, new ThespianStatusRequest(), Patience), Is.InstanceOf<ThespianSystemStatus>(),
                    "the admin still answers status requests");
    }

    private static byte[] LengthPrefix(int length)
    {
        var prefix = new byte[WireProtocol.FrameHeaderLength];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
        return prefix;
    }
}
