using System.Text;
using Newtonsoft.Json;
using Thespian.Wire;
using static Thespian.Tests.Wire.WireTestSerializers;

namespace Thespian.Tests.Wire;

/// <summary>Nesting beyond MaxDepth (64) is refused with a JsonException, never a stack overflow.</summary>
public sealed class WireSerializerDepthTests
{
    private const int Deep = 100_000;

    private WireSerializer _serializer = null!;

    [SetUp]
    public void SetUp() => _serializer = Create();

    private static string Nest(string open, string middle, string close, int depth)
    {
        var text = new StringBuilder(depth * (open.Length + close.Length) + middle.Length);
        text.Insert(0, open, depth).Append(middle);
        for (var i = 0; i < depth; i++)
        {
            text.Append(close);
        }

        return text.ToString();
    }

    [Test]
    public void Deserialize_MessagesNested100Deep_ThrowsJsonExceptionNamingTheDepth()
    {
        var json = Nest($"{{\"$type\":\"{TypeRef(typeof(Node))}\",\"Child\":", "null", "}", 100);

        var exception = Assert.Catch<JsonException>(() => _serializer.DeserializeText(json));

        Assert.That(exception.Message, Does.Contain("MaxDepth of 64"));
    }

    [Test]
    public void Deserialize_MessagesNestedVeryDeep_ThrowsJsonException()
    {
        var json = Nest($"{{\"$type\":\"{TypeRef(typeof(Node))}\",\"Child\":", "null", "}", Deep);

        Assert.Catch<JsonException>(() => _serializer.DeserializeText(json));
    }

    [Test]
    public void Deserialize_UntypedObjectsNestedVeryDeep_ThrowsJsonException()
    {
        var json = Nest("{\"a\":", "1", "}", Deep);

        Assert.Catch<JsonException>(() => _serializer.DeserializeText(json));
    }

    [Test]
    public void Deserialize_ArraysNestedVeryDeep_ThrowsJsonException()
    {
        var json = Nest("[", "1", "]", Deep);

        Assert.Catch<JsonException>(() => _serializer.DeserializeText(json));
    }

    [Test]
    public void Deserialize_ListsOfObjectNestedVeryDeep_ThrowsJsonException()
    {
        var list = "{\"$type\":\"System.Collections.Generic.List`1[[System.Object, System.Private.CoreLib]], System.Private.CoreLib\",\"$values\":[";

        var json = Nest(list, "1", "]}", Deep);

        Assert.Catch<JsonException>(() => _serializer.DeserializeText(json));
    }

    [Test]
    public void Deserialize_DictionariesNestedVeryDeep_ThrowsJsonException()
    {
        var map = "{\"$type\":\"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Object, System.Private.CoreLib]], System.Private.CoreLib\",\"k\":";

        var json = Nest(map, "1", "}", Deep);

        Assert.Catch<JsonException>(() => _serializer.DeserializeText(json));
    }

    [Test]
    public void Deserialize_NestedWithinTheLimit_Arrives()
    {
        var json = Nest($"{{\"$type\":\"{TypeRef(typeof(Node))}\",\"Child\":", "\"bottom\"", "}", 30);

        Assert.That(_serializer.DeserializeText(json), Is.TypeOf<Node>());
    }
}
