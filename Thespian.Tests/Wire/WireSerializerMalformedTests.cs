using Newtonsoft.Json;
using Thespian.Wire;
using static Thespian.Tests.Wire.WireTestSerializers;

namespace Thespian.Tests.Wire;

/// <summary>Input that is not a well-formed message fails with a JsonException that says what was wrong.</summary>
public sealed class WireSerializerMalformedTests
{
    private const string Colour = "Thespian.Tests.Wire.Colour, Thespian.Tests";
    private const string ChildExited = "Thespian.ChildActorExited, Thespian.Core";

    private WireSerializer _serializer = null!;

    [SetUp]
    public void SetUp() => _serializer = Create();

    private static TestCaseData Case(string json, string messageFragment, string name) =>
        new TestCaseData(json, messageFragment).SetArgDisplayNames(name);

    private static IEnumerable<TestCaseData> Malformed()
    {
        yield return Case("", "it is empty", "empty");
        yield return Case(" \r\n\t ", "it is empty", "whitespace");
        yield return Case("null", "it is null", "null message");
        yield return Case("{", "", "unterminated object");
        yield return Case("{\"a\":", "", "unterminated property");
        yield return Case("[\"i4\",\"1\"", "", "unterminated typed value");
        yield return Case("\"unterminated", "", "unterminated string");
        yield return Case("{\"a\" 1}", "", "missing colon");
        yield return Case("nul", "", "bad literal");
        yield return Case("\"x\" \"y\"", "after", "two strings");
        yield return Case("1 2", "after", "two numbers");
        yield return Case("{} []", "", "object then array");
        yield return Case("[\"zz\",\"1\"]", "unknown value code 'zz'", "unknown code");
        yield return Case("[\"i4\",\"abc\"]", "'abc' is not a valid 'i4' value", "int not a number");
        yield return Case("[\"u1\",\"300\"]", "'300' is not a valid 'u1' value", "byte overflow");
        yield return Case("[\"i4\",\"99999999999\"]", "is not a valid 'i4' value", "int overflow");
        yield return Case("[\"g\",\"not-a-guid\"]", "is not a valid 'g' value", "bad Guid");
        yield return Case("[\"b\",\"!!!\"]", "is not a valid 'b' value", "bad base64");
        yield return Case("[\"dt\",\"yesterday\"]", "is not a valid 'dt' value", "bad DateTime");
        yield return Case("[\"ts\",\"1 hour\"]", "is not a valid 'ts' value", "bad TimeSpan");
        yield return Case("[\"ver\",\"1\"]", "is not a valid 'ver' value", "bad Version");
        yield return Case("[\"uri\",\"http://[::1\"]", "is not a valid 'uri' value", "bad Uri");
        yield return Case("[\"c\",\"ab\"]", "'c'", "char of two characters");
        yield return Case("[]", "without its code", "empty typed value");
        yield return Case("[\"i4\"]", "without its value", "typed value without value");
        yield return Case("[\"i4\",\"1\",\"2\"]", "extra elements", "typed value with extra element");
        yield return Case("[\"i4\",{}]", "", "typed value with an object");
        yield return Case("[[\"i4\",\"1\"]]", "", "typed value nested");
        yield return Case($"[\"e\",\"{Colour}\"]", "without its number", "enum without number");
        yield return Case($"[\"e\",\"{Colour}\",\"abc\"]", "", "enum number not a number");
        yield return Case($"[\"e\",\"{Colour}\",99999999999999999999]", "", "enum number overflow");
        yield return Case($"[\"e\",\"{Colour}\",1,2]", "extra elements", "enum with extra element");
        yield return Case($"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":\"{new string('a', 33)}\"}}", "not 32 hex digits", "33-digit address");
        yield return Case($"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":\"{new string('a', 31)}\"}}", "not 32 hex digits", "31-digit address");
        yield return Case($"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":\"{new string('g', 32)}\"}}", "not 32 hex digits", "non-hex address");
        yield return Case($"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":\"0x{new string('a', 30)}\"}}", "not 32 hex digits", "0x address");
        yield return Case($"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":\" {new string('a', 31)}\"}}", "not 32 hex digits", "address with a space");
        yield return Case($"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":12345}}", "not 32 hex digits", "address as a number");
        yield return Case($"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":{{}}}}", "not 32 hex digits", "address as an object");
        yield return Case("{\"$type\":{}}", "", "type name as an object");
        yield return Case("{\"$type\":[]}", "", "type name as an array");
        yield return Case("{\"$type\":null}", "", "type name null");
        yield return Case("{\"$type\":1}", "", "type name a number");
        yield return Case("{\"$type\":\"\"}", "", "type name empty");
        yield return Case("{\"$type\":\",\"}", "", "type name a comma");
        yield return Case("{\"$type\":\"[[\"}", "", "type name brackets");
        yield return Case($"{{\"$type\":\"{TypeRef(typeof(Order))}\",\"Id\":\"seven\",\"Name\":\"n\",\"Price\":1}}", "", "wrong JSON type for a member");
    }

    [TestCaseSource(nameof(Malformed))]
    public void Deserialize_MalformedInput_ThrowsJsonExceptionSayingWhatWasWrong(string json, string messageFragment)
    {
        var exception = Assert.Catch(() => _serializer.DeserializeText(json));

        Assert.That(exception, Is.InstanceOf<JsonException>(), () => DescribeChain(exception!));
        Assert.That(exception!.Message, Does.Contain(messageFragment));
    }

    [Test]
    public void Deserialize_SystemMessageMissingARequiredMember_ThrowsJsonException()
    {
        var exception = Assert.Catch(() => _serializer.DeserializeText($"{{\"$type\":\"{ChildExited}\"}}"));

        Assert.That(exception, Is.InstanceOf<JsonException>(), () => DescribeChain(exception!));
    }

    [Test]
    public void Deserialize_MessageWhoseConstructorRejectsTheValues_ThrowsJsonException()
    {
        var exception = Assert.Catch(() => _serializer.DeserializeText($"{{\"$type\":\"{TypeRef(typeof(Validated))}\",\"Positive\":-1}}"));

        Assert.That(exception, Is.InstanceOf<JsonException>(), () => DescribeChain(exception!));
    }

    [Test]
    public void Deserialize_EmptySpan_ThrowsJsonExceptionSayingItIsEmpty()
    {
        var exception = Assert.Catch<JsonException>(() => _serializer.Deserialize(ReadOnlySpan<byte>.Empty));

        Assert.That(exception.Message, Does.Contain("empty"));
    }

    [Test]
    public void Deserialize_ValidMessageFollowedByGarbage_ThrowsJsonException()
    {
        var bytes = _serializer.Serialize(new Order(1, "a", 1m, null));

        Assert.Catch<JsonException>(() => _serializer.Deserialize([.. bytes, (byte)'x']));
    }
}
