using System.Buffers.Binary;
using System.Net.Sockets;
using Thespian.Wire;
using Port = Thespian.Tests.Multiproc.MalformedInputTests.Port;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// Limits that hold under abuse, on real ports from hand-driven connections: a frame trickled in (slowloris) and a
/// connection that never greets are closed at the frame deadline ("Frame Deadline Seconds"); a crowd of stalled
/// handshakes does not starve real connections; past "Max Inbound Connections" a connection is closed at once; a reset
/// is logged with the peer. Each is logged by the process that was attacked, and the system keeps serving.
/// </summary>
public sealed class AbuseLimitTests : MultiprocFixture
{
    private const int ShortDeadlineSeconds = 1;

    private ActorSystem _system = null!;
    private ActorAddress _actor = null!;
    private int _actorPid;

    [Test]
    public void Slowloris_FrameTrickledInPastTheDeadline_ClosedLoggedAndTheSystemKeepsWorking([Values] Port port)
    {
        var (endpoint, pid) = Prepare(port, new() { [CommonCapabilities.FrameDeadlineSeconds] = ShortDeadlineSeconds });
        using var connection = RawConnection.Open(endpoint);
        connection.HandshakeCorrectly();

        // A frame of 1,000 bytes, one byte every 100 ms: each read finds a byte, but the frame would take 100 s.
        connection.Send(LengthPrefix(1000));
        using var stop = new CancellationTokenSource();
        var trickle = Task.Run(() => Trickle(connection, stop.Token));
        try
        {
            Assert.That(connection.ExpectClosedByServer(), Is.Empty, "no acknowledgement for a frame that never completed");
        }
        finally
        {
            stop.Cancel();
            trickle.Wait();
        }

        WaitForLogLine("the late frame", " WARN ", $"[{pid}]", $"Refused input from {connection.LocalEndpoint}",
                       $"did not arrive in full within {ShortDeadlineSeconds} s");
        AssertTheSystemKeepsWorking();
    }

    [Test]
    public void Slowloris_ConnectsAndSendsNothing_ClosedAtTheDeadlineLoggedAndTheSystemKeepsWorking([Values] Port port)
    {
        var (endpoint, pid) = Prepare(port, new() { [CommonCapabilities.FrameDeadlineSeconds] = ShortDeadlineSeconds });
        using var connection = RawConnection.Open(endpoint);

        Assert.That(connection.ExpectClosedByServer(), Is.Empty, "nothing is answered to a connection that never greets");
        WaitForLogLine("the silent connection", " WARN ", $"[{pid}]", $"Refused input from {connection.LocalEndpoint}",
                       $"A Thespian handshake did not arrive within {ShortDeadlineSeconds} s");
        AssertTheSystemKeepsWorking();
    }

    [Test]
    public void StalledHandshakes_FarMoreThanTheBound_DoNotStarveRealConnections()
    {
        // The default deadline (30 s): only the bound on connections in their handshake frees room here.
        var (endpoint, pid) = Prepare(Port.Admin, []);
        var stalled = new List<RawConnection>();
        try
        {
            for (var i = 0; i < 128; i++)
            {
                stalled.Add(RawConnection.Open(endpoint));
            }

            // Past the grace a connection in its handshake has against newer ones (1 s), the oldest makes room.
            Thread.Sleep(TimeSpan.FromSeconds(1.5));
            for (var i = 0; i < 32; i++)
            {
                stalled.Add(RawConnection.Open(endpoint));
            }

            using (var real = RawConnection.Open(endpoint))
            {
                real.HandshakeCorrectly();
            }

            Assert.That(stalled[0].ExpectClosedByServer(), Is.Empty, "the connection stalled longest was closed to make room");
            WaitForLogLine("the stalled connection closed to make room", " WARN ", $"[{pid}]",
                           $"Refused a connection from {stalled[0].LocalEndpoint}: closed while still in its handshake",
                           "128 connections were in their handshake at once");

            // The admin still starts actor processes (each connects to it) while the crowd stalls.
            AssertTheSystemKeepsWorking();
        }
        finally
        {
            stalled.ForEach(c => c.Dispose());
        }
    }

    [Test]
    public void MaxInboundConnections_PastTheCap_ClosedAtOnceLoggedAndTheSystemKeepsWorking()
    {
        const int Cap = 16;
        var (endpoint, pid) = Prepare(Port.ActorHost, new() { [CommonCapabilities.MaxInboundConnections] = Cap });
        var accepted = new List<RawConnection>();
        RawConnection? refused = null;
        try
        {
            while (refused is null && accepted.Count <= Cap)
            {
                var connection = RawConnection.Open(endpoint);
                if (connection.TryHandshake())
                {
                    accepted.Add(connection);
                }
                else
                {
                    refused = connection;
                }
            }

            Assert.That(refused, Is.Not.Null, $"a connection past the cap of {Cap} was closed at once");
            Assert.That(accepted, Has.Count.LessThan(Cap), "the host's own connections (from the admin, from this test) count too");
            WaitForLogLine("the refused connection", " WARN ", $"[{pid}]", $"Refused a connection from {refused!.LocalEndpoint}",
                           $"inbound connections are open, the most \"{CommonCapabilities.MaxInboundConnections}\" allows");
            AssertTheSystemKeepsWorking();
        }
        finally
        {
            refused?.Dispose();
            accepted.ForEach(c => c.Dispose());
        }

        Eventually(() =>
        {
            using var again = RawConnection.Open(endpoint);
            return again.TryHandshake();
        }, "once the raw connections closed, the host accepts connections again");
    }

    [Test]
    public void Connection_ResetInTheMiddleOfAFrame_LoggedWithThePeerAndTheSystemKeepsWorking([Values] Port port)
    {
        var (endpoint, pid) = Prepare(port, []);
        var connection = RawConnection.Open(endpoint);
        connection.HandshakeCorrectly();
        var local = connection.LocalEndpoint;
        connection.Send(LengthPrefix(1000));
        connection.Send(new byte[10]);

        connection.Reset();

        WaitForLogLine("the reset", " WARN ", $"[{pid}]", $"Connection from {local} was reset by the peer");
        AssertTheSystemKeepsWorking();
    }

    [Test]
    public void Connection_ResetBetweenMessages_LostNothingAndIsNotLogged()
    {
        var (endpoint, pid) = Prepare(Port.ActorHost, []);
        var reset = RawConnection.Open(endpoint);
        reset.HandshakeCorrectly();
        var resetEndpoint = reset.LocalEndpoint;
        reset.Reset();

        // A later reset in the middle of a frame is logged by the same process: once it is, the first was seen too.
        var marker = RawConnection.Open(endpoint);
        marker.HandshakeCorrectly();
        var markerEndpoint = marker.LocalEndpoint;
        marker.Send(LengthPrefix(1000));
        marker.Reset();
        WaitForLogLine("the reset in the middle of a frame", $"[{pid}]", $"Connection from {markerEndpoint} was reset by the peer");

        Assert.That(LogHas($"[{pid}]", resetEndpoint), Is.False, "a reset between messages (a process that ended) is not logged");
    }

    /// <summary>Starts the system with an actor; returns the attacked endpoint and its process id.</summary>
    private (string Endpoint, int ProcessId) Prepare(Port port, Dictionary<string, object?> capabilities)
    {
        _system = StartSystem(capabilities);
        _actor = _system.CreateActor<PidActor>();
        _actorPid = PidOf(_system, _actor);
        var processes = TrackProcessesOf(_system);
        return port == Port.Admin
            ? (BaseOf(_system).Node.AdminEndpoint!, processes.AdminProcessId)
            : (BaseOf(_system).Node.Book.RouteOf(_actor.Id) ?? throw new AssertionException("the test process knows no route to the actor"),
               _actorPid);
    }

    /// <summary>The actor still answers, the admin still creates actors (whose processes connect to it).</summary>
    private void AssertTheSystemKeepsWorking()
    {
        Assert.That(_system.Ask(_actor, "pid", Patience), Is.EqualTo(_actorPid), "the first actor still answers");
        var another = _system.CreateActor<PidActor>();
        Assert.That(PidOf(_system, another), Is.Not.EqualTo(_actorPid), "the admin still creates actors");
    }

    /// <summary>Sends one byte every 100 ms until stopped or the server has closed the connection.</summary>
    private static void Trickle(RawConnection connection, CancellationToken stop)
    {
        try
        {
            while (!stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100)))
            {
                connection.Send([0]);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The server closed the connection.
        }
    }

    private static byte[] LengthPrefix(int length)
    {
        var prefix = new byte[WireProtocol.FrameHeaderLength];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
        return prefix;
    }
}
