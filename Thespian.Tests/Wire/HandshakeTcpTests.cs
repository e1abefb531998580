using System.Buffers;
using System.Buffers.Binary;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>The handshake over real loopback TCP connections.</summary>
public sealed class HandshakeTcpTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    private CancellationTokenSource _testCap = null!;

    private static IEnumerable<TestCaseData> Roles =>
        Enum.GetValues<WireRole>().Select(r => new TestCaseData((byte)r).SetArgDisplayNames(r.ToString()));

    private CancellationToken Cap => _testCap.Token;

    [SetUp]
    public void SetUp() => _testCap = new CancellationTokenSource(TimeSpan.FromSeconds(60));

    [TearDown]
    public void TearDown() => _testCap.Dispose();

    private static async Task ReadGreetingAsync(Stream stream, CancellationToken cancellationToken) =>
        await stream.ReadExactlyAsync(new byte[WireProtocol.HandshakeLength], cancellationToken);

    [TestCaseSource(nameof(Roles))]
    public async Task ConnectAsync_ServerServesTheRole_BothSucceedAndTheServerGetsTheRole(byte code)
    {
        var role = (WireRole)code;
        await using var connection = await LoopbackConnection.OpenAsync(Cap);

        var accept = Handshake.AcceptAsync(connection.Server, Generous, _ => true, Cap).AsTask();
        await Handshake.ConnectAsync(connection.Client, role, Generous, Cap);

        Assert.That(await accept, Is.EqualTo(role));
    }

    [Test]
    public async Task ConnectAsync_Accepted_FramesFollowTheHandshakeIntact()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);
        var payload = WireBytes.Pattern(1000, 5);

        var accept = Handshake.AcceptAsync(connection.Server, Generous, _ => true, Cap).AsTask();
        await Handshake.ConnectAsync(connection.Client, WireRole.Peer, Generous, Cap);
        await accept;
        var writer = new ArrayBufferWriter<byte>();
        FrameCodec.Write(writer, payload);
        await connection.Client.WriteAsync(writer.WrittenMemory, Cap);
        var frame = await new FrameReader(connection.Server, 4096, Generous).ReadFrameAsync(Cap);

        Assert.That(frame!.Value.ToArray(), Is.EqualTo(payload));
    }

    [Test]
    public async Task AcceptAsync_PassesTheAskedRoleToServes()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);
        var asked = new List<WireRole>();

        var accept = Handshake.AcceptAsync(connection.Server, Generous, r => { asked.Add(r); return true; }, Cap).AsTask();
        await Handshake.ConnectAsync(connection.Client, WireRole.Admin, Generous, Cap);
        await accept;

        Assert.That(asked, Is.EqualTo(new[] { WireRole.Admin }));
    }

    [Test]
    public async Task ConnectAsync_RoleRefused_BothSidesThrowRoleRefused()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);

        var accept = Handshake.AcceptAsync(connection.Server, Generous, r => r != WireRole.Peer, Cap).AsTask();
        var connectException = Assert.CatchAsync<WireProtocolException>(
            async () => await Handshake.ConnectAsync(connection.Client, WireRole.Peer, Generous, Cap));
        var acceptException = Assert.CatchAsync<WireProtocolException>(async () => await accept);

        Assert.That(connectException.Violation, Is.EqualTo(WireViolation.RoleRefused));
        Assert.That(connectException.Message, Does.Contain("does not serve the role Peer"));
        Assert.That(acceptException.Violation, Is.EqualTo(WireViolation.RoleRefused));
        Assert.That(acceptException.Message, Does.Contain("does not serve the role Peer"));
    }

    [Test]
    public async Task ConnectAsync_ServerAnswersWithHttp_ThrowsBadHandshake()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);

        var server = Task.Run(async () =>
        {
            await ReadGreetingAsync(connection.Server, Cap);
            await connection.Server.WriteAsync("HTTP/1.1 400\r\n\r\n"u8.ToArray(), Cap);
        });
        var exception = Assert.CatchAsync<WireProtocolException>(
            async () => await Handshake.ConnectAsync(connection.Client, WireRole.Client, Generous, Cap));
        await server;

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.BadHandshake));
        Assert.That(exception.Message, Does.Contain("something else is talking on this port"));
    }

    [Test]
    public async Task ConnectAsync_ServerSaysNothing_ThrowsDeadlineExceeded()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);

        var exception = Assert.CatchAsync<WireProtocolException>(
            async () => await Handshake.ConnectAsync(connection.Client, WireRole.Client, Short, Cap));

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.DeadlineExceeded));
        Assert.That(exception.Message, Does.Contain("handshake answer"));
    }

    [Test]
    public async Task ConnectAsync_ServerClosesAfterTheGreeting_ThrowsBadHandshakeClosedBefore()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);

        var server = Task.Run(async () =>
        {
            await ReadGreetingAsync(connection.Server, Cap);
            connection.CloseServer();
        });
        var exception = Assert.CatchAsync<WireProtocolException>(
            async () => await Handshake.ConnectAsync(connection.Client, WireRole.Host, Generous, Cap));
        await server;

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.BadHandshake));
        Assert.That(exception.Message, Does.Contain("closed before"));
    }

    [Test]
    public async Task ConnectAsync_CallerCancels_ThrowsOperationCanceledNotDeadlineExceeded()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cap);

        var connect = Handshake.ConnectAsync(connection.Client, WireRole.Client, Generous, cancellation.Token).AsTask();
        await ReadGreetingAsync(connection.Server, Cap);
        await cancellation.CancelAsync();
        var exception = Assert.CatchAsync(async () => await connect);

        Assert.That(exception, Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task AcceptAsync_ClientSendsHttp_ThrowsBadHandshakeAndAnswersNothing()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);

        await connection.Client.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray(), Cap);
        var exception = Assert.CatchAsync<WireProtocolException>(
            async () => await Handshake.AcceptAsync(connection.Server, Generous, _ => true, Cap));
        connection.Server.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        var answered = await connection.Client.ReadAsync(new byte[64], Cap);

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.BadHandshake));
        Assert.That(answered, Is.Zero, "no bytes are answered to a peer that is not Thespian");
    }

    [Test]
    public async Task AcceptAsync_ClientSpeaksAnotherVersion_AnswersVersionMismatchAndThrows()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);
        var hello = new byte[WireProtocol.HandshakeLength];
        Handshake.WriteHello(hello, WireRole.Peer);
        BinaryPrimitives.WriteUInt16LittleEndian(hello.AsSpan(4), WireProtocol.Version + 1);

        await connection.Client.WriteAsync(hello, Cap);
        var exception = Assert.CatchAsync<WireProtocolException>(
            async () => await Handshake.AcceptAsync(connection.Server, Generous, _ => true, Cap));
        var answer = new byte[WireProtocol.HandshakeLength];
        await connection.Client.ReadExactlyAsync(answer, Cap);

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.VersionMismatch));
        Assert.That(Handshake.ReadReply(answer), Is.EqualTo(HandshakeStatus.VersionMismatch));
    }

    [Test]
    public async Task AcceptAsync_ClientSaysNothing_ThrowsDeadlineExceeded()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);

        var exception = Assert.CatchAsync<WireProtocolException>(
            async () => await Handshake.AcceptAsync(connection.Server, Short, _ => true, Cap));

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.DeadlineExceeded));
    }

    [Test]
    public async Task AcceptAsync_ClientClosesWithoutAGreeting_ThrowsBadHandshakeClosedBefore()
    {
        await using var connection = await LoopbackConnection.OpenAsync(Cap);

        connection.CloseClient();
        var exception = Assert.CatchAsync<WireProtocolException>(
            async () => await Handshake.AcceptAsync(connection.Server, Generous, _ => true, Cap));

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.BadHandshake));
        Assert.That(exception.Message, Does.Contain("closed before"));
    }
}
