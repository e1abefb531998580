using System.Text;
using Newtonsoft.Json;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>
/// The serializer reuses one output buffer per thread and decodes small messages into pooled buffers: no message
/// may see anything of another, whatever failed before it, and large messages take the unpooled path intact.
/// </summary>
public sealed class WireSerializerReuseTests
{
    private WireSerializer _serializer = null!;

    [SetUp]
    public void SetUp() => _serializer = WireTestSerializers.Create();

    [Test]
    public void Serialize_AfterAMessageFailedHalfWritten_NextMessageHasNothingOfIt()
    {
        var expected = _serializer.Serialize(new Order(1, "next", 2m, null));
        Assert.Throws<ActorSystemException>(() => _serializer.Serialize(new Holder(new ThrowingGetter())));

        var actual = _serializer.Serialize(new Order(1, "next", 2m, null));

        Assert.That(Encoding.UTF8.GetString(actual), Is.EqualTo(Encoding.UTF8.GetString(expected)));
    }

    [Test]
    public void Serialize_LongMessageThenShortOne_ShortOneIsOnlyItself()
    {
        _ = _serializer.Serialize(new Order(1, new string('x', 100_000), 2m, null));

        var shortOne = _serializer.Serialize("hi");

        Assert.That(_serializer.Deserialize(shortOne), Is.EqualTo("hi"));
        Assert.That(shortOne, Has.Length.LessThan(100));
    }

    [Test]
    public void Serialize_ManyThreadsAtOnce_EachGetsItsOwnMessage()
    {
        var failures = 0;
        Parallel.For(0, 2_000, i =>
        {
            var order = new Order(i, $"order {i}", i, i % 2 == 0 ? null : new[] { i, i + 1 });
            if (_serializer.Deserialize(_serializer.Serialize(order)) is not Order { Id: var id, Name: var name } || id != i || name != $"order {i}")
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.That(failures, Is.Zero);
    }

    [TestCase(10)]
    [TestCase(64 * 1024)]
    [TestCase(200_000)]
    public void Deserialize_SmallAndLargeMessages_RoundTripIntact(int nameLength)
    {
        var name = string.Concat(Enumerable.Range(0, nameLength).Select(i => (char)('a' + (i % 26))));

        var read = _serializer.RoundTrip(new Order(7, name, 1.5m, "é€😀"));

        Assert.That(read, Is.EqualTo(new Order(7, name, 1.5m, "é€😀")));
    }

    [TestCase(10)]
    [TestCase(100_000)]
    public void Deserialize_InvalidUtf8_ThrowsJsonException(int padding)
    {
        byte[] json = [.. Encoding.UTF8.GetBytes("\"" + new string('a', padding)), 0xC3, 0x28, (byte)'"'];

        Assert.Throws(Is.InstanceOf<JsonException>(), () => _serializer.Deserialize(json));
    }
}
