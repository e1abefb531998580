using System.Buffers.Binary;
using System.Text;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>The handshake's byte layout, without any connection.</summary>
public sealed class HandshakeTests
{
    // The enums are internal, so cases carry their numeric codes (named for the test list).
    private static IEnumerable<TestCaseData> Roles =>
        Enum.GetValues<WireRole>().Select(r => new TestCaseData((byte)r).SetArgDisplayNames(r.ToString()));

    private static IEnumerable<TestCaseData> Statuses =>
        Enum.GetValues<HandshakeStatus>().Select(s => new TestCaseData((byte)s).SetArgDisplayNames(s.ToString()));

    private static byte[] Hello(WireRole role)
    {
        var buffer = new byte[WireProtocol.HandshakeLength];
        Handshake.WriteHello(buffer, role);
        return buffer;
    }

    [TestCaseSource(nameof(Roles))]
    public void ReadHello_WrittenByWriteHello_ReturnsTheRole(byte code)
    {
        var role = (WireRole)code;

        Assert.That(Handshake.ReadHello(Hello(role)), Is.EqualTo(role));
    }

    [TestCaseSource(nameof(Statuses))]
    public void ReadReply_WrittenByWriteReply_ReturnsTheStatus(byte code)
    {
        var status = (HandshakeStatus)code;
        var buffer = new byte[WireProtocol.HandshakeLength];
        Handshake.WriteReply(buffer, status);

        Assert.That(Handshake.ReadReply(buffer), Is.EqualTo(status));
    }

    [Test]
    public void WriteHello_Layout_IsMagicVersionLittleEndianRoleAndZero()
    {
        var buffer = Hello(WireRole.Host);

        Assert.That(buffer, Is.EqualTo(new byte[] { (byte)'T', (byte)'H', (byte)'S', (byte)'P', 1, 0, 2, 0 }));
    }

    [Test]
    public void ReadHello_WrongMagic_ThrowsBadHandshakeSayingSomethingElseIsOnThePort()
    {
        var exception = Assert.Throws<WireProtocolException>(() => Handshake.ReadHello("GET / HT"u8));

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.BadHandshake));
        Assert.That(exception.Message, Does.Contain("something else is talking on this port"));
    }

    [Test]
    public void ReadReply_WrongMagic_ThrowsBadHandshake()
    {
        var exception = Assert.Throws<WireProtocolException>(() => Handshake.ReadReply("HTTP/1.1"u8));

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.BadHandshake));
        Assert.That(exception.Message, Does.Contain("not a Thespian handshake"));
    }

    [Test]
    public void ReadHello_TooShort_ThrowsBadHandshake()
    {
        var exception = Assert.Throws<WireProtocolException>(() => Handshake.ReadHello(Hello(WireRole.Peer).AsSpan(0, 7)));

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.BadHandshake));
    }

    [TestCase((ushort)0)]
    [TestCase((ushort)2)]
    [TestCase((ushort)0x0100)]
    public void ReadHello_WrongVersion_ThrowsVersionMismatchNamingBothVersions(ushort version)
    {
        var buffer = Hello(WireRole.Client);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(4), version);

        var exception = Assert.Throws<WireProtocolException>(() => Handshake.ReadHello(buffer));

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.VersionMismatch));
        Assert.That(exception.Message, Does.Contain($"version {version};"));
        Assert.That(exception.Message, Does.Contain($"speaks {WireProtocol.Version}"));
    }

    [Test]
    public void ReadReply_WrongVersion_ThrowsVersionMismatch()
    {
        var buffer = new byte[WireProtocol.HandshakeLength];
        Handshake.WriteReply(buffer, HandshakeStatus.Accepted);
        buffer[4] = 9;

        var exception = Assert.Throws<WireProtocolException>(() => Handshake.ReadReply(buffer));

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.VersionMismatch));
        Assert.That(exception.Message, Does.Contain("version 9"));
    }

    [TestCase((byte)0)]
    [TestCase((byte)7)]
    [TestCase((byte)255)]
    public void ReadHello_UnknownRole_ThrowsBadHandshakeNamingTheCode(byte code)
    {
        var buffer = Hello(WireRole.Client);
        buffer[6] = code;

        var exception = Assert.Throws<WireProtocolException>(() => Handshake.ReadHello(buffer));

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.BadHandshake));
        Assert.That(exception.Message, Does.Contain($"unknown role {code}"));
    }

    [Test]
    public void Magic_IsThsp()
    {
        Assert.That(Encoding.ASCII.GetString(WireProtocol.Magic), Is.EqualTo("THSP"));
    }
}
