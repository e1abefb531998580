using System.Globalization;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>An address travels as its identifier and arrives as the receiving process's own address object.</summary>
public sealed class WireSerializerAddressTests
{
    private AddressBook _book = null!;
    private WireSerializer _serializer = null!;

    [SetUp]
    public void SetUp()
    {
        _book = new AddressBook();
        _serializer = WireTestSerializers.Create(_book);
    }

    private static string Hex(ActorAddress address) => address.Id.ToHex();

    [Test]
    public void Serialize_Address_WritesOnlyIts32HexDigitIdentifier()
    {
        var address = new ActorAddress(ActorAddress.NewId(), localTarget: "a secret local object");

        var json = _serializer.SerializeToText(new ChildActorExited(address));

        Assert.That(json, Does.Contain($"\"ChildAddress\":\"{Hex(address)}\""));
        Assert.That(json, Does.Not.Contain("secret"));
    }

    [Test]
    public void Deserialize_KnownIdentifier_ReturnsTheInternersObject()
    {
        var local = new ActorAddress(ActorAddress.NewId(), localTarget: "local");
        _book.Add(local);
        var sent = new ActorAddress(local.Id);

        var result = (ChildActorExited)_serializer.RoundTrip(new ChildActorExited(sent));

        Assert.That(result.ChildAddress, Is.SameAs(local));
        Assert.That(_book.Interned, Is.EqualTo(new[] { local.Id }));
    }

    [Test]
    public void Deserialize_SameIdentifierTwice_ArrivesAsTheSameObjectEqualToTheOriginal()
    {
        var address = ActorAddress.CreateNew();

        var result = (AddressHolder)_serializer.RoundTrip(new AddressHolder(address, address, [address]));

        Assert.That(result.Other, Is.SameAs(result.Address));
        Assert.That(result.Many[0], Is.SameAs(result.Address));
        Assert.That(result.Address, Is.EqualTo(address));
        Assert.That(result.Address == address, Is.True);
        Assert.That(result.Address.GetHashCode(), Is.EqualTo(address.GetHashCode()));
    }

    [Test]
    public void Deserialize_DifferentIdentifiers_StayDifferent()
    {
        var first = ActorAddress.CreateNew();
        var second = ActorAddress.CreateNew();

        var result = (AddressHolder)_serializer.RoundTrip(new AddressHolder(first, second, [second, first]));

        Assert.That(result.Address, Is.EqualTo(first));
        Assert.That(result.Other, Is.EqualTo(second));
        Assert.That(result.Address, Is.Not.EqualTo(result.Other));
        Assert.That(result.Many, Is.EqualTo(new[] { second, first }));
    }

    [Test]
    public void Deserialize_SeparateMessages_ShareTheInternedObject()
    {
        var address = ActorAddress.CreateNew();

        var first = (ChildActorExited)_serializer.RoundTrip(new ChildActorExited(address));
        var second = (ChildActorExited)_serializer.RoundTrip(new ChildActorExited(address));

        Assert.That(second.ChildAddress, Is.SameAs(first.ChildAddress));
    }

    [Test]
    public void RoundTrip_NullAddress_StaysNull()
    {
        var result = (AddressHolder)_serializer.RoundTrip(new AddressHolder(ActorAddress.CreateNew(), null, []));

        Assert.That(result.Other, Is.Null);
        Assert.That(result.Many, Is.Empty);
    }

    [Test]
    public void RoundTrip_IdentifierWithLeadingZeros_KeepsIt()
    {
        var address = new ActorAddress(new ActorId(0, 1));

        var result = (ChildActorExited)_serializer.RoundTrip(new ChildActorExited(address));

        Assert.That(result.ChildAddress, Is.EqualTo(address));
    }

    [Test]
    public void RoundTrip_AddressAsTheMessage_ArrivesAsTheInternedAddress()
    {
        var address = ActorAddress.CreateNew();

        var result = _serializer.RoundTrip(address);

        Assert.That(result, Is.TypeOf<ActorAddress>().And.EqualTo(address));
    }

    [Test]
    public void RoundTrip_AddressInAnObjectProperty_ArrivesAsAnAddress()
    {
        var address = ActorAddress.CreateNew();

        var result = (Holder)_serializer.RoundTrip(new Holder(address));

        Assert.That(result.Value, Is.TypeOf<ActorAddress>().And.EqualTo(address));
    }

    [Test]
    public void RoundTrip_AddressInAListOfObject_ArrivesAsAnAddress()
    {
        var address = ActorAddress.CreateNew();

        var result = (List<object?>)_serializer.RoundTrip(new List<object?> { address });

        Assert.That(result[0], Is.TypeOf<ActorAddress>().And.EqualTo(address));
    }
}
