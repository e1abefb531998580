using System.Globalization;
using Newtonsoft.Json;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>An address may carry where its actor lives (<c>id@host:port</c>); the receiver learns the route.</summary>
public sealed class WireSerializerRouteTests
{
    private const string ChildExited = "Thespian.ChildActorExited, Thespian.Core";

    private static string Hex(ActorId id) => id.ToHex();

    [Test]
    public void Serialize_KnownRoute_WritesIdentifierAtRoute()
    {
        var address = ActorAddress.CreateNew();
        var serializer = new WireSerializer(WireTestSerializers.AllowingTestAssembly(), new AddressBook().Intern,
                                            routeOf: id => id == address.Id ? "127.0.0.1:1900" : null);

        var json = serializer.SerializeToText(new ChildActorExited(address));

        Assert.That(json, Does.Contain($"\"{Hex(address.Id)}@127.0.0.1:1900\""));
    }

    [Test]
    public void Serialize_UnknownRoute_WritesTheIdentifierAlone()
    {
        var address = ActorAddress.CreateNew();
        var serializer = new WireSerializer(WireTestSerializers.AllowingTestAssembly(), new AddressBook().Intern, routeOf: _ => null);

        var json = serializer.SerializeToText(new ChildActorExited(address));

        Assert.That(json, Does.Contain($"\"{Hex(address.Id)}\""));
    }

    [Test]
    public void Deserialize_AddressWithARoute_InternsTheIdentifierAndLearnsTheRoute()
    {
        var address = ActorAddress.CreateNew();
        var learnt = new List<(ActorId, string)>();
        var book = new AddressBook();
        var serializer = new WireSerializer(WireTestSerializers.AllowingTestAssembly(), book.Intern,
                                            learnRoute: (id, route) => learnt.Add((id, route)));

        var result = (ChildActorExited)serializer.DeserializeText(
            $"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":\"{Hex(address.Id)}@10.0.0.2:1901\"}}");

        Assert.That(result.ChildAddress, Is.EqualTo(address));
        Assert.That(book.Interned, Is.EqualTo(new[] { address.Id }));
        Assert.That(learnt, Is.EqualTo(new[] { (address.Id, "10.0.0.2:1901") }));
    }

    [Test]
    public void RoundTrip_RouteWrittenBySenderIsLearntByReceiver()
    {
        var address = ActorAddress.CreateNew();
        var sender = new WireSerializer(WireTestSerializers.AllowingTestAssembly(), new AddressBook().Intern, routeOf: _ => "h:1");
        string? learnt = null;
        var receiver = new WireSerializer(WireTestSerializers.AllowingTestAssembly(), new AddressBook().Intern,
                                          learnRoute: (_, route) => learnt = route);

        var result = (ChildActorExited)receiver.Deserialize(sender.Serialize(new ChildActorExited(address)));

        Assert.That(result.ChildAddress, Is.EqualTo(address));
        Assert.That(learnt, Is.EqualTo("h:1"));
    }

    [Test]
    public void Deserialize_EmptyRoute_ThrowsJsonException()
    {
        var serializer = WireTestSerializers.Create();
        var json = $"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":\"{Hex(ActorAddress.NewId())}@\"}}";

        var exception = Assert.Catch<JsonException>(() => serializer.DeserializeText(json));

        Assert.That(exception.Message, Does.Contain("actor address"));
    }

    [Test]
    public void Deserialize_RouteLongerThan255_ThrowsJsonExceptionWithoutLearningIt()
    {
        var learnt = 0;
        var serializer = new WireSerializer(WireTestSerializers.AllowingTestAssembly(), new AddressBook().Intern,
                                            learnRoute: (_, _) => learnt++);
        var json = $"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":\"{Hex(ActorAddress.NewId())}@{new string('h', 256)}\"}}";

        var exception = Assert.Catch<JsonException>(() => serializer.DeserializeText(json));

        Assert.That(exception.Message, Does.Contain("actor address"));
        Assert.That(learnt, Is.Zero);
    }

    [Test]
    public void Deserialize_BadIdentifierBeforeARoute_ThrowsJsonExceptionWithoutLearningIt()
    {
        var learnt = 0;
        var serializer = new WireSerializer(WireTestSerializers.AllowingTestAssembly(), new AddressBook().Intern,
                                            learnRoute: (_, _) => learnt++);
        var json = $"{{\"$type\":\"{ChildExited}\",\"ChildAddress\":\"{new string('a', 31)}@h:1\"}}";

        Assert.Catch<JsonException>(() => serializer.DeserializeText(json));
        Assert.That(learnt, Is.Zero);
    }
}
