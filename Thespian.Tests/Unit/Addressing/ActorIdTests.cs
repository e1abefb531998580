using System.Buffers.Binary;
using System.Globalization;

namespace Thespian.Tests.Unit.Addressing;

/// <summary>
/// An address's identity as two 64-bit halves: on the wire and in text exactly what a 128-bit integer gave before
/// (16 little-endian bytes; 32 hex digits), so processes of either build read each other.
/// </summary>
public sealed class ActorIdTests
{
    private static readonly UInt128 Sample = new(0x0123456789abcdef, 0xfedcba9876543210);

    [Test]
    public void Write_SameBytesAsALittleEndian128BitInteger()
    {
        var expected = new byte[ActorId.Size];
        BinaryPrimitives.WriteUInt128LittleEndian(expected, Sample);
        var written = new byte[ActorId.Size];

        new ActorId(0x0123456789abcdef, 0xfedcba9876543210).Write(written);

        Assert.That(written, Is.EqualTo(expected));
    }

    [Test]
    public void Read_WhatWriteWrote()
    {
        var id = new ActorId(ulong.MaxValue - 1, 42);
        var bytes = new byte[ActorId.Size];
        id.Write(bytes);

        Assert.That(ActorId.Read(bytes), Is.EqualTo(id));
    }

    [Test]
    public void ToHex_SameTextAsA128BitIntegerInX32()
    {
        Assert.That(new ActorId(0x0123456789abcdef, 0xfedcba9876543210).ToHex(),
                    Is.EqualTo(Sample.ToString("x32", CultureInfo.InvariantCulture)));
        Assert.That(new ActorId(0, 1).ToHex(), Is.EqualTo("00000000000000000000000000000001"));
    }

    [TestCase("0123456789abcdeffedcba9876543210", 0x0123456789abcdefUL, 0xfedcba9876543210UL)]
    [TestCase("0123456789ABCDEFFEDCBA9876543210", 0x0123456789abcdefUL, 0xfedcba9876543210UL)]
    [TestCase("1", 0UL, 1UL)]
    [TestCase("10000000000000000", 1UL, 0UL)]
    public void TryParseHex_OneTo32Digits_Parsed(string text, ulong upper, ulong lower)
    {
        Assert.That(ActorId.TryParseHex(text, out var id), Is.True);
        Assert.That(id, Is.EqualTo(new ActorId(upper, lower)));
    }

    [TestCase("")]
    [TestCase("0123456789abcdeffedcba98765432100")]
    [TestCase("0x12")]
    [TestCase(" 12")]
    [TestCase("-1")]
    [TestCase("12g4")]
    public void TryParseHex_NotHexOrTooLong_Refused(string text)
    {
        Assert.That(ActorId.TryParseHex(text, out _), Is.False);
    }

    [Test]
    public void Equality_BothHalvesCount()
    {
        var id = new ActorId(1, 2);

        Assert.Multiple(() =>
        {
            Assert.That(id == new ActorId(1, 2), Is.True);
            Assert.That(id.GetHashCode(), Is.EqualTo(new ActorId(1, 2).GetHashCode()));
            Assert.That(id == new ActorId(2, 1), Is.False, "halves swapped");
            Assert.That(id != new ActorId(1, 3), Is.True);
            Assert.That(id.Equals((object)new ActorId(1, 2)), Is.True);
            Assert.That(ActorId.Zero, Is.EqualTo(default(ActorId)));
        });
    }
}
