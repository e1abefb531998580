using System.Globalization;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>Values in <c>object</c>-typed places keep their .NET types and values across the wire.</summary>
public sealed class WireSerializerValueTests
{
    private WireSerializer _serializer = null!;

    [SetUp]
    public void SetUp() => _serializer = WireTestSerializers.Create();

    private static TestCaseData Case(object value, string name) => new TestCaseData(value).SetArgDisplayNames(name);

    private static IEnumerable<TestCaseData> Values()
    {
        yield return Case(42, "int");
        yield return Case(int.MinValue, "int min");
        yield return Case((short)-7, "short");
        yield return Case((byte)200, "byte");
        yield return Case((sbyte)-100, "sbyte");
        yield return Case((ushort)65000, "ushort");
        yield return Case(4_000_000_000u, "uint");
        yield return Case(ulong.MaxValue, "ulong max");
        yield return Case(42L, "long");
        yield return Case(long.MinValue, "long min");
        yield return Case(1.5f, "float");
        yield return Case(float.NaN, "float NaN");
        yield return Case(float.NegativeInfinity, "float -Infinity");
        yield return Case(float.MaxValue, "float max");
        yield return Case(0.1, "double");
        yield return Case(1.0, "double whole");
        yield return Case(double.MaxValue, "double max");
        yield return Case(double.Epsilon, "double epsilon");
        yield return Case(double.NaN, "double NaN");
        yield return Case(double.PositiveInfinity, "double +Infinity");
        yield return Case(double.NegativeInfinity, "double -Infinity");
        yield return Case(1.50m, "decimal");
        yield return Case(decimal.MaxValue, "decimal max");
        yield return Case('x', "char");
        yield return Case('"', "char quote");
        yield return Case(true, "bool true");
        yield return Case(false, "bool false");
        yield return Case("hello", "string");
        yield return Case("", "string empty");
        yield return Case("héllo ✓ 😀 \u0000 \n \"", "string unicode and escapes");
        yield return Case(Guid.Parse("7d444840-9dc0-11d1-b245-5ffdce74fad2"), "Guid");
        yield return Case(TimeSpan.FromTicks(123_456_789_012), "TimeSpan");
        yield return Case(TimeSpan.FromMinutes(-90), "TimeSpan negative");
        yield return Case(new DateTime(2024, 3, 10, 12, 34, 56, DateTimeKind.Utc).AddTicks(1234567), "DateTime Utc");
        yield return Case(new DateTime(2024, 7, 10, 12, 34, 56, DateTimeKind.Local).AddTicks(7), "DateTime Local");
        yield return Case(new DateTime(2024, 3, 10, 12, 34, 56, DateTimeKind.Unspecified).AddTicks(1), "DateTime Unspecified");
        yield return Case(DateTime.MaxValue, "DateTime max");
        yield return Case(new DateTimeOffset(2024, 3, 10, 12, 34, 56, TimeSpan.FromMinutes(330)).AddTicks(99), "DateTimeOffset");
        yield return Case(new DateOnly(2024, 2, 29), "DateOnly");
        yield return Case(new TimeOnly(23, 59, 58, 999).Add(TimeSpan.FromTicks(9)), "TimeOnly");
        yield return Case(new byte[] { 0, 1, 127, 128, 255 }, "byte[]");
        yield return Case(Array.Empty<byte>(), "byte[] empty");
        yield return Case(Int128.MinValue, "Int128 min");
        yield return Case(UInt128.MaxValue, "UInt128 max");
        yield return Case((Half)1.5, "Half");
        yield return Case(Half.MaxValue, "Half max");
        yield return Case(new Uri("https://example.com/a?b=c#d"), "Uri absolute");
        yield return Case(new Uri("a/b?c", UriKind.Relative), "Uri relative");
        yield return Case(new Version(1, 2, 3, 4), "Version");
        yield return Case(new Version(1, 2), "Version two parts");
        yield return Case(Colour.Green, "enum");
        yield return Case(Access.Read | Access.Write, "flags enum");
        yield return Case(Signed.Minus, "enum negative");
        yield return Case((Colour)99, "enum undefined value");
        yield return Case(Huge.Top, "enum ulong above long");
    }

    private static void AssertSameValue(object? actual, object expected)
    {
        Assert.That(actual, Is.Not.Null);
        Assert.That(actual!.GetType(), Is.EqualTo(expected.GetType()), "type");
        Assert.That(actual, Is.EqualTo(expected), "value");
        switch (expected)
        {
            case DateTime dateTime:
                Assert.That(((DateTime)actual).Kind, Is.EqualTo(dateTime.Kind), "DateTime.Kind");
                Assert.That(((DateTime)actual).Ticks, Is.EqualTo(dateTime.Ticks), "DateTime.Ticks");
                break;
            case DateTimeOffset offset:
                Assert.That(((DateTimeOffset)actual).Offset, Is.EqualTo(offset.Offset), "DateTimeOffset.Offset");
                break;
            case decimal number:
                Assert.That(((decimal)actual).Scale, Is.EqualTo(number.Scale), "decimal scale");
                break;
            case Uri uri:
                Assert.That(((Uri)actual).OriginalString, Is.EqualTo(uri.OriginalString), "Uri.OriginalString");
                break;
        }
    }

    [TestCaseSource(nameof(Values))]
    public void RoundTrip_AsTheMessage_KeepsTypeAndValue(object value)
    {
        AssertSameValue(_serializer.RoundTrip(value), value);
    }

    [TestCaseSource(nameof(Values))]
    public void RoundTrip_InAnObjectProperty_KeepsTypeAndValue(object value)
    {
        var result = (Holder)_serializer.RoundTrip(new Holder(value));

        AssertSameValue(result.Value, value);
    }

    [TestCaseSource(nameof(Values))]
    public void RoundTrip_InAListOfObject_KeepsTypeAndValue(object value)
    {
        var result = (List<object?>)_serializer.RoundTrip(new List<object?> { value, 7, value });

        Assert.That(result, Has.Count.EqualTo(3));
        AssertSameValue(result[0], value);
        AssertSameValue(result[1], 7);
        AssertSameValue(result[2], value);
    }

    [TestCaseSource(nameof(Values))]
    public void RoundTrip_AsADictionaryValue_KeepsTypeAndValue(object value)
    {
        var result = (Dictionary<string, object?>)_serializer.RoundTrip(new Dictionary<string, object?> { ["v"] = value, ["n"] = null });

        Assert.That(result.Keys, Is.EquivalentTo(new[] { "v", "n" }));
        AssertSameValue(result["v"], value);
        Assert.That(result["n"], Is.Null);
    }

    [TestCaseSource(nameof(Values))]
    public void RoundTrip_InObjectMembersOfAMutableMessage_KeepsTypeAndValue(object value)
    {
        var bag = new Bag { Value = value, Items = [value, null], Map = { ["k"] = value } };

        var result = (Bag)_serializer.RoundTrip(bag);

        AssertSameValue(result.Value, value);
        AssertSameValue(result.Items[0], value);
        Assert.That(result.Items[1], Is.Null);
        AssertSameValue(result.Map["k"], value);
    }

    [Test]
    public void RoundTrip_NullInAnObjectProperty_ArrivesAsNull()
    {
        var result = (Holder)_serializer.RoundTrip(new Holder(null));

        Assert.That(result.Value, Is.Null);
    }

    [Test]
    public void RoundTrip_NegativeZero_KeepsItsSign()
    {
        var result = (Holder)_serializer.RoundTrip(new Holder(-0.0));

        Assert.That(result.Value, Is.TypeOf<double>());
        Assert.That(double.IsNegative((double)result.Value!), Is.True);
    }

    [Test]
    public void Serialize_StringWithALoneSurrogate_ThrowsAtSendRatherThanAlteringIt()
    {
        const string lone = "a\uD800b";

        Assert.That(() => _serializer.Serialize(new Holder(lone)),
                    Throws.TypeOf<ActorSystemException>().With.Message.Contains(typeof(Holder).FullName));
    }

    [TestCase("2024-01-02T03:04:05Z")]
    [TestCase("2024-01-02")]
    [TestCase("12:30:00")]
    [TestCase("7d444840-9dc0-11d1-b245-5ffdce74fad2")]
    [TestCase("42")]
    [TestCase("2024-01-02T03:04:05+01:00")]
    public void RoundTrip_StringThatLooksLikeAnotherTypeAsTheMessage_StaysAString(string text)
    {
        Assert.That(_serializer.RoundTrip(text), Is.TypeOf<string>().And.EqualTo(text));
    }

    [TestCase("2024-01-02T03:04:05Z")]
    [TestCase("2024-01-02T03:04:05+01:00")]
    [TestCase("42")]
    public void RoundTrip_StringThatLooksLikeAnotherTypeInObjectPlaces_StaysAString(string text)
    {
        var holder = (Holder)_serializer.RoundTrip(new Holder(text));
        var list = (List<object?>)_serializer.RoundTrip(new List<object?> { text });
        var map = (Dictionary<string, object?>)_serializer.RoundTrip(new Dictionary<string, object?> { ["k"] = text });

        Assert.That(holder.Value, Is.TypeOf<string>().And.EqualTo(text));
        Assert.That(list[0], Is.TypeOf<string>().And.EqualTo(text));
        Assert.That(map["k"], Is.TypeOf<string>().And.EqualTo(text));
    }

    [Test]
    public void RoundTrip_StringThatLooksLikeADateInAStringProperty_StaysTheSameString()
    {
        const string text = "2024-01-02T03:04:05.1200000+01:00";

        var result = (Order)_serializer.RoundTrip(new Order(1, text, 0m, null));

        Assert.That(result.Name, Is.EqualTo(text));
    }

    [Test]
    public void Serialize_LongAndFiniteDouble_TravelBare()
    {
        var json = _serializer.SerializeToText(new List<object?> { 5L, 2.5, "s", true, null });

        Assert.That(json, Does.Contain("[5,2.5,\"s\",true,null]"));
    }

    [Test]
    public void Serialize_IntInAnObjectPlace_TravelsWithItsCode()
    {
        Assert.That(_serializer.SerializeToText(5), Is.EqualTo("[\"i4\",\"5\"]"));
    }

    [Test]
    public void Serialize_Enum_TravelsWithItsShortTypeNameAndNumber()
    {
        var json = _serializer.SerializeToText(Colour.Blue);

        Assert.That(json, Is.EqualTo("[\"e\",\"Thespian.Tests.Wire.Colour, Thespian.Tests\",\"4\"]"));
    }

    [Test]
    public void Serialize_UnderAnotherCulture_WritesInvariantText()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var result = (Holder)_serializer.RoundTrip(new Holder(1.5f));
            var json = _serializer.SerializeToText(1.5m);

            Assert.That(result.Value, Is.EqualTo(1.5f));
            Assert.That(json, Is.EqualTo("[\"m\",\"1.5\"]"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
