using System.Text;
using Newtonsoft.Json;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>A message that cannot travel fails when it is sent, with an exception naming its type.</summary>
public sealed class WireSerializerSendTests
{
    private WireSerializer _serializer = null!;

    [SetUp]
    public void SetUp() => _serializer = WireTestSerializers.Create();

    private ActorSystemException AssertCannotBeSent(object message)
    {
        var exception = Assert.Throws<ActorSystemException>(() => _serializer.Serialize(message));

        Assert.That(exception.Message, Does.Contain($"The message of type {message.GetType().FullName} cannot be sent"));
        return exception;
    }

    [Test]
    public void Serialize_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => _serializer.Serialize(null!));
    }

    [Test]
    public void Serialize_StringBuilder_ThrowsNamingTheType()
    {
        var exception = AssertCannotBeSent(new StringBuilder("text"));

        Assert.That(exception.InnerException, Is.InstanceOf<DisallowedTypeException>());
        Assert.That(exception.Message, Does.Contain("System.Text.StringBuilder"));
    }

    [Test]
    public void Serialize_Delegate_ThrowsNamingTheType()
    {
        Action action = () => { };

        var exception = AssertCannotBeSent(action);

        Assert.That(exception.Message, Does.Contain("System.Action"));
    }

    [Test]
    public void Serialize_DisallowedValueInAnObjectProperty_ThrowsNamingTheMessageType()
    {
        var exception = AssertCannotBeSent(new Holder(new StringBuilder("x")));

        Assert.That(exception.Message, Does.Contain("Thespian.Tests.Wire.Holder"));
        Assert.That(exception.Message, Does.Contain("System.Text.StringBuilder"));
    }

    [Test]
    public void Serialize_DisallowedValueDeepInsideAllowedCollections_ThrowsNamingTheMessageType()
    {
        var message = new PoisonMessage(new List<object?> { 1, new Dictionary<string, object?> { ["x"] = new FileInfo("/etc/passwd") } });

        var exception = AssertCannotBeSent(message);

        Assert.That(exception.Message, Does.Contain("System.IO.FileInfo"));
    }

    [Test]
    public void Serialize_PropertyDeclaredAsADisallowedType_ThrowsNamingTheMessageType()
    {
        AssertCannotBeSent(new CarriesBuilder(new StringBuilder("x")));
    }

    [Test]
    public void Serialize_TypeNewtonsoftCannotConstruct_ThrowsNamingTheType()
    {
        AssertCannotBeSent(new TwoConstructors(5));
    }

    [Test]
    public void Serialize_PropertyGetterThrows_ThrowsNamingTheType()
    {
        var exception = AssertCannotBeSent(new ThrowingGetter());

        Assert.That(exception.InnerException, Is.InstanceOf<JsonException>());
    }

    [Test]
    public void Serialize_SelfReferencingMessage_ThrowsNamingTheType()
    {
        var loop = new SelfLoop();
        loop.Me = loop;

        AssertCannotBeSent(loop);
    }

    [Test]
    public void Serialize_CompilerSynthesizedCollectionInAnObjectPlace_ThrowsNamingTheMessageType()
    {
        IReadOnlyList<int> numbers = [1, 2, 3];

        var exception = AssertCannotBeSent(new Holder(numbers));

        Assert.That(exception.InnerException, Is.InstanceOf<DisallowedTypeException>());
    }

    [Test]
    public void Serialize_MessageDeeperThanTheReceiversLimit_FailsWhenSent()
    {
        // The receiver refuses anything nested deeper than 64 levels, so the sender must refuse it too.
        object chain = "bottom";
        for (var i = 0; i < 100; i++)
        {
            chain = new Node(chain);
        }

        AssertCannotBeSent(chain);
    }
}
