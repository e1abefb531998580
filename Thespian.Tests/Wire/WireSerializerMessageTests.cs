using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>Application messages: records, nested messages, collection members.</summary>
public sealed class WireSerializerMessageTests
{
    private WireSerializer _serializer = null!;

    [SetUp]
    public void SetUp() => _serializer = WireTestSerializers.Create();

    [Test]
    public void RoundTrip_RecordWithConstructorParameters_KeepsEveryMember()
    {
        var order = new Order(7, "widget", 12.34m, (short)3);

        var result = _serializer.RoundTrip(order);

        Assert.That(result, Is.TypeOf<Order>());
        Assert.That(result, Is.EqualTo(order));
        Assert.That(((Order)result).Extra, Is.TypeOf<short>());
    }

    [Test]
    public void RoundTrip_NestedMessages_KeepTheirTypes()
    {
        var outer = new Outer(
            new Order(1, "a", 1m, null),
            new Order(2, "b", 2m, new Holder(Colour.Red)),
            new Holder(new Holder(new List<object?> { 1, "two", new Order(3, "c", 3m, 'c') })));

        var result = (Outer)_serializer.RoundTrip(outer);

        Assert.That(result.Order, Is.EqualTo(outer.Order));
        Assert.That(result.Attachment, Is.EqualTo(outer.Attachment));
        Assert.That(((Holder)((Order)result.Attachment!).Extra!).Value, Is.TypeOf<Colour>());
        var innermost = (List<object?>)((Holder)result.Inner.Value!).Value!;
        Assert.That(innermost[0], Is.TypeOf<int>().And.EqualTo(1));
        Assert.That(innermost[1], Is.EqualTo("two"));
        Assert.That(innermost[2], Is.EqualTo(new Order(3, "c", 3m, 'c')));
    }

    [Test]
    public void RoundTrip_InterfaceTypedCollectionMembersOfCompilerMadeTypes_ArriveAsFrameworkCollections()
    {
        // ["x", "y"] for an IReadOnlyList<string> is a compiler-synthesized class that may not travel by name.
        var tagged = new Tagged("t", ["x", "y"], new Dictionary<string, int> { ["a"] = 1 }.AsReadOnly());

        var result = (Tagged)_serializer.RoundTrip(tagged);

        Assert.That(result.Tags, Is.EqualTo(new[] { "x", "y" }));
        Assert.That(result.Tags.GetType().Assembly, Is.SameAs(typeof(List<>).Assembly));
        Assert.That(result.Counts["a"], Is.EqualTo(1));
        Assert.That(result.Counts, Has.Count.EqualTo(1));
    }

    [Test]
    public void Serialize_InterfaceTypedCollectionMember_WritesNoTypeName()
    {
        var json = _serializer.SerializeToText(new Tagged("t", ["x"], new Dictionary<string, int>()));

        Assert.That(json, Does.Contain("\"Tags\":[\"x\"]"));
        Assert.That(json, Does.Not.Contain("ReadOnlyArray"));
    }

    [Test]
    public void RoundTrip_GenericCollectionAsTheMessage_KeepsItsType()
    {
        var result = _serializer.RoundTrip(new List<int> { 1, 2, 3 });
        var set = _serializer.RoundTrip(new HashSet<string> { "a" });
        var map = _serializer.RoundTrip(new Dictionary<string, Guid> { ["g"] = Guid.Empty });

        Assert.That(result, Is.TypeOf<List<int>>().And.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(set, Is.TypeOf<HashSet<string>>().And.EquivalentTo(new[] { "a" }));
        Assert.That(map, Is.TypeOf<Dictionary<string, Guid>>());
    }

    [Test]
    public void RoundTrip_ArrayOfAnAllowedType_KeepsItsType()
    {
        var result = _serializer.RoundTrip(new Order[] { new(1, "a", 1m, null) });

        Assert.That(result, Is.TypeOf<Order[]>());
        Assert.That(((Order[])result)[0], Is.EqualTo(new Order(1, "a", 1m, null)));
    }

    [Test]
    public void RoundTrip_MessageWithinTheDepthLimit_Arrives()
    {
        object? chain = "bottom";
        for (var i = 0; i < 20; i++)
        {
            chain = new Node(chain);
        }

        var result = _serializer.RoundTrip(chain!);

        var depth = 0;
        for (var current = result; current is Node node; current = node.Child!)
        {
            depth++;
            if (node.Child is string bottom)
            {
                Assert.That(bottom, Is.EqualTo("bottom"));
            }
        }

        Assert.That(depth, Is.EqualTo(20));
    }
}
