using System.Globalization;
using System.Net;
using Thespian.Sockets;
using Thespian.Wire;
using Thespian.Wire.Authentication;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// Datagram tags, for a system with a secret (<see cref="DatagramTag"/>): every datagram sent is tagged; every datagram
/// received is checked before it is read, and one without a valid tag is dropped, counted and reported (rate-limited).
/// A hello that cannot be taken is answered with the reason (the answer is not tagged: it carries only a refusal), so the
/// peer fails at once with a message saying what to set instead of waiting out its timeout.
/// </summary>
internal sealed partial class UdpTransport
{
    [ThreadStatic]
    private static byte[]? t_tagged;

    private readonly RateLimitedReports _refusals = new(TimeSpan.FromSeconds(10), perInterval: 10);
    private long _refusedDatagrams;

    /// <summary>How many datagrams were dropped because they did not carry the system's tag (or carried one where none is set).</summary>
    internal long RefusedDatagrams => Interlocked.Read(ref _refusedDatagrams);

    /// <summary>What tagging adds to each datagram (0 without a secret).</summary>
    internal int TagOverhead => Options.Secret is null ? 0 : DatagramTag.TagLength;

    /// <summary>
    /// Checks a received datagram's tag (with a secret) or that it has none (without); true with the length to read when it
    /// may be dispatched.
    /// </summary>
    private bool Admit(byte[] buffer, ref int length, SocketAddress from)
    {
        var datagram = buffer.AsSpan(0, length);
        var secret = Options.Secret;
        if (secret is null)
        {
            if (!DatagramTag.IsTagged(datagram) || !IsOurs(datagram))
            {
                return true;
            }

            Refuse(datagram, from, HandshakeStatus.AuthenticationNotExpected,
                   $"A datagram tagged with a secret was dropped: this system has none ({SecretSettings.WhatToSet}).");
            return false;
        }

        switch (DatagramTag.Check(secret, datagram, out var admitted))
        {
            case TagCheck.Valid:
                length = admitted;
                return true;
            case TagCheck.Untagged when IsRefusalAnswer(datagram):
                // A peer without the secret (or with another) says why it refused this side's hello.
                return true;
            case TagCheck.Untagged:
                Refuse(datagram, from, HandshakeStatus.AuthenticationRequired,
                       $"A datagram without this system's tag was dropped before it was read ({SecretSettings.WhatToSet}).");
                return false;
            default:
                Refuse(datagram, from, HandshakeStatus.AuthenticationFailed,
                       $"A datagram with a wrong tag (another secret, or altered) was dropped before it was read ({SecretSettings.WhatToSet}).");
                return false;
        }
    }

    /// <summary>Sends one datagram, tagged when the system has a secret.</summary>
    private void SendTagged(ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        var secret = Options.Secret!;
        var tagged = t_tagged ??= GC.AllocateUninitializedArray<byte>(DatagramCodec.MaxDatagramBytes + DatagramTag.TagLength);
        SendPlain(tagged.AsSpan(0, DatagramTag.Write(secret, datagram, tagged)), to);
    }

    private void Refuse(ReadOnlySpan<byte> datagram, SocketAddress from, HandshakeStatus answer, string why)
    {
        Interlocked.Increment(ref _refusedDatagrams);
        if (datagram.Length >= DatagramCodec.HelloLength && (datagram[3] & ~DatagramTag.TaggedBit) == (byte)DatagramType.Hello)
        {
            var session = BitConverter.ToUInt64(datagram[4..12]);
            Span<byte> refusal = stackalloc byte[DatagramCodec.AnswerLength];
            SendPlain(refusal[..DatagramCodec.WriteAnswer(refusal, session, answer, 0)], from);
        }

        if (_sink is not null && _refusals.ShouldReport(out var suppressed))
        {
            _sink.OnProtocolViolation(Describe(from), new WireProtocolException(WireViolation.AuthenticationFailed, suppressed == 0
                ? why
                : string.Create(CultureInfo.InvariantCulture, $"{why} ({suppressed} more were dropped since the last report.)")));
        }
    }

    private static bool IsOurs(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= DatagramCodec.HeaderLength && datagram[0] == (byte)'T' && datagram[1] == (byte)'U';

    private static bool IsRefusalAnswer(ReadOnlySpan<byte> datagram)
    {
        if (DatagramCodec.ReadHeader(datagram, out var type, out _) != HeaderStatus.Valid || type != DatagramType.Answer ||
            datagram.Length < DatagramCodec.AnswerLength)
        {
            return false;
        }

        var status = (HandshakeStatus)datagram[DatagramCodec.HeaderLength + 6];
        return status is HandshakeStatus.AuthenticationRequired or HandshakeStatus.AuthenticationNotExpected or HandshakeStatus.AuthenticationFailed;
    }
}
