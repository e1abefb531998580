using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>Every Thespian system message crosses the wire with its members.</summary>
public sealed class WireSerializerSystemMessageTests
{
    private AddressBook _book = null!;
    private WireSerializer _serializer = null!;

    [SetUp]
    public void SetUp()
    {
        _book = new AddressBook();
        _serializer = WireTestSerializers.Create(_book);
    }

    private T RoundTrip<T>(T message)
        where T : class
    {
        var result = _serializer.RoundTrip(message);
        Assert.That(result, Is.TypeOf<T>());
        return (T)result;
    }

    [TestCase(true)]
    [TestCase(false)]
    public void RoundTrip_ActorExitRequest_KeepsIsRecursive(bool recursive)
    {
        Assert.That(RoundTrip(new ActorExitRequest(recursive)).IsRecursive, Is.EqualTo(recursive));
    }

    [Test]
    public void RoundTrip_ActorExitRequestMadeNotRecursive_KeepsIsRecursiveFalse()
    {
        var request = new ActorExitRequest();
        request.NotRecursive();

        Assert.That(RoundTrip(request).IsRecursive, Is.False);
    }

    [Test]
    public void RoundTrip_ChildActorExited_KeepsTheChildAddress()
    {
        var child = ActorAddress.CreateNew();

        Assert.That(RoundTrip(new ChildActorExited(child)).ChildAddress, Is.EqualTo(child));
    }

    [Test]
    public void RoundTrip_PoisonMessage_KeepsTheUserMessageAndDetails()
    {
        var order = new Order(1, "x", 2m, 3);

        var result = RoundTrip(new PoisonMessage(order, "InvalidOperationException: boom"));

        Assert.That(result.Message, Is.TypeOf<Order>().And.EqualTo(order));
        Assert.That(result.Details, Is.EqualTo("InvalidOperationException: boom"));
    }

    [Test]
    public void RoundTrip_PoisonMessageOfAPrimitive_KeepsItsType()
    {
        var result = RoundTrip(new PoisonMessage(12, null));

        Assert.That(result.Message, Is.TypeOf<int>().And.EqualTo(12));
        Assert.That(result.Details, Is.Null);
    }

    [Test]
    public void RoundTrip_DeadEnvelope_KeepsTheMessageAndAddress()
    {
        var address = ActorAddress.CreateNew();

        var result = RoundTrip(new DeadEnvelope(new Holder(Guid.Empty), address));

        Assert.That(result.DeadMessage, Is.EqualTo(new Holder(Guid.Empty)));
        Assert.That(result.DeadAddress, Is.EqualTo(address));
    }

    [Test]
    public void RoundTrip_WakeupMessageWithPayload_KeepsDelayAndPayload()
    {
        var result = RoundTrip(new WakeupMessage(TimeSpan.FromMilliseconds(1500), new Order(1, "p", 0m, null)));

        Assert.That(result.DelayPeriod, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
        Assert.That(result.Payload, Is.EqualTo(new Order(1, "p", 0m, null)));
    }

    [Test]
    public void RoundTrip_WakeupMessageWithPrimitivePayload_KeepsItsType()
    {
        var result = RoundTrip(new WakeupMessage(TimeSpan.FromSeconds(1), 3u));

        Assert.That(result.Payload, Is.TypeOf<uint>().And.EqualTo(3u));
    }

    [Test]
    public void RoundTrip_WakeupMessageWithoutPayload_KeepsNull()
    {
        var result = RoundTrip(new WakeupMessage(TimeSpan.Zero));

        Assert.That(result.DelayPeriod, Is.EqualTo(TimeSpan.Zero));
        Assert.That(result.Payload, Is.Null);
    }

    [Test]
    public void RoundTrip_WatchMessage_KeepsReady()
    {
        var result = RoundTrip(new WatchMessage([3, 1, 4]));

        Assert.That(result.Ready, Is.EqualTo(new[] { 3, 1, 4 }));
    }

    [Test]
    public void RoundTrip_ThespianWatch_KeepsTheFileDescriptors()
    {
        var result = RoundTrip(new ThespianWatch([5, 6]));

        Assert.That(result.FileDescriptors, Is.EqualTo(new[] { 5, 6 }));
    }

    [Test]
    public void RoundTrip_ActorSystemConventionUpdate_KeepsAddressCapabilitiesAndAdded()
    {
        var admin = ActorAddress.CreateNew();
        var capabilities = new Dictionary<string, object?> { ["Admin Port"] = 1900, ["Name"] = "n", ["Ratio"] = 0.5, ["None"] = null };

        var result = RoundTrip(new ActorSystemConventionUpdate(admin, capabilities, remoteAdded: true));

        Assert.That(result.RemoteAdminAddress, Is.EqualTo(admin));
        Assert.That(result.RemoteAdded, Is.True);
        Assert.That(result.RemoteCapabilities["Admin Port"], Is.TypeOf<int>().And.EqualTo(1900));
        Assert.That(result.RemoteCapabilities["Name"], Is.EqualTo("n"));
        Assert.That(result.RemoteCapabilities["Ratio"], Is.EqualTo(0.5));
        Assert.That(result.RemoteCapabilities["None"], Is.Null);
    }

    [Test]
    public void RoundTrip_ActorSystemConventionUpdateRemoved_KeepsRemoteAddedFalse()
    {
        var result = RoundTrip(new ActorSystemConventionUpdate(ActorAddress.CreateNew(), new Dictionary<string, object?>(), false));

        Assert.That(result.RemoteAdded, Is.False);
        Assert.That(result.RemoteCapabilities, Is.Empty);
    }

    [Test]
    public void RoundTrip_ValidateSource_KeepsHashBytesAndInfo()
    {
        var bytes = WireBytes.Pattern(5000, 1);

        var result = RoundTrip(new ValidateSource("hash", bytes, "info"));

        Assert.That(result.SourceHash, Is.EqualTo("hash"));
        Assert.That(result.SourceData, Is.EqualTo(bytes));
        Assert.That(result.SourceInfo, Is.EqualTo("info"));
    }

    [Test]
    public void RoundTrip_ValidatedSource_KeepsHashBytesAndInfo()
    {
        var bytes = WireBytes.Pattern(300, 2);

        var result = RoundTrip(new ValidatedSource("hash", bytes, "info"));

        Assert.That(result.SourceHash, Is.EqualTo("hash"));
        Assert.That(result.SourceZip, Is.EqualTo(bytes));
        Assert.That(result.SourceInfo, Is.EqualTo("info"));
    }

    [Test]
    public void RoundTrip_ValidatedSourceRejected_KeepsNullBytes()
    {
        var result = RoundTrip(new ValidatedSource("hash", null));

        Assert.That(result.SourceZip, Is.Null);
        Assert.That(result.SourceInfo, Is.Null);
    }

    [Test]
    public void RoundTrip_LoadedSource_KeepsHashAndInfo()
    {
        var result = RoundTrip(new LoadedSource("abc", "from test"));

        Assert.That(result.SourceHash, Is.EqualTo("abc"));
        Assert.That(result.SourceInfo, Is.EqualTo("from test"));
    }

    [Test]
    public void RoundTrip_UnloadedSource_KeepsHashAndInfo()
    {
        var result = RoundTrip(new UnloadedSource("abc", "gone"));

        Assert.That(result.SourceHash, Is.EqualTo("abc"));
        Assert.That(result.SourceInfo, Is.EqualTo("gone"));
    }

    [Test]
    public void RoundTrip_ThespianStatusRequest_Arrives()
    {
        Assert.That(RoundTrip(new ThespianStatusRequest()), Is.Not.Null);
    }

    [Test]
    public void RoundTrip_ThespianSystemStatus_KeepsEveryMember()
    {
        var admin = ActorAddress.CreateNew();
        var leader = ActorAddress.CreateNew();
        var member = ActorAddress.CreateNew();
        var named = ActorAddress.CreateNew();
        var handler = ActorAddress.CreateNew();
        var authority = ActorAddress.CreateNew();
        var status = new ThespianSystemStatus(
            admin,
            new Dictionary<string, object?> { ["Max Message Size"] = 5_000_000, ["Name"] = "x", ["Flag"] = true },
            leader,
            [member, leader],
            new Dictionary<string, ActorAddress> { ["Named"] = named },
            [handler],
            authority,
            ["h1", "h2"],
            17);

        var result = RoundTrip(status);

        Assert.That(result.AdminAddress, Is.EqualTo(admin));
        Assert.That(result.Capabilities["Max Message Size"], Is.TypeOf<int>().And.EqualTo(5_000_000));
        Assert.That(result.Capabilities["Name"], Is.EqualTo("x"));
        Assert.That(result.Capabilities["Flag"], Is.EqualTo(true));
        Assert.That(result.ConventionLeader, Is.EqualTo(leader));
        Assert.That(result.ConventionMembers, Is.EqualTo(new[] { member, leader }));
        Assert.That(result.GlobalNames["Named"], Is.EqualTo(named));
        Assert.That(result.DeadLetterHandlers, Is.EqualTo(new[] { handler }));
        Assert.That(result.SourceAuthority, Is.EqualTo(authority));
        Assert.That(result.LoadedSources, Is.EqualTo(new[] { "h1", "h2" }));
        Assert.That(result.ActorCount, Is.EqualTo(17));
        Assert.That(result.ConventionLeader, Is.SameAs(result.ConventionMembers[1]), "one address object per identifier");
    }

    [Test]
    public void RoundTrip_ThespianSystemStatusWithoutOptionalAddresses_KeepsNulls()
    {
        var status = new ThespianSystemStatus(ActorAddress.CreateNew(), new Dictionary<string, object?>(), null, [],
                                              new Dictionary<string, ActorAddress>(), [], null, [], 0);

        var result = RoundTrip(status);

        Assert.That(result.ConventionLeader, Is.Null);
        Assert.That(result.SourceAuthority, Is.Null);
        Assert.That(result.ConventionMembers, Is.Empty);
    }

    [Test]
    public void RoundTrip_ThespianActorStatus_KeepsEveryMember()
    {
        var self = ActorAddress.CreateNew();
        var parent = ActorAddress.CreateNew();
        var child1 = ActorAddress.CreateNew();
        var child2 = ActorAddress.CreateNew();

        var result = RoundTrip(new ThespianActorStatus(self, "My.Actor", parent, [child1, child2], 10, 20, 3));

        Assert.That(result.ActorAddress, Is.EqualTo(self));
        Assert.That(result.ActorType, Is.EqualTo("My.Actor"));
        Assert.That(result.ParentAddress, Is.EqualTo(parent));
        Assert.That(result.ChildActors, Is.EqualTo(new[] { child1, child2 }));
        Assert.That(result.MessagesReceived, Is.EqualTo(10));
        Assert.That(result.MessagesSent, Is.EqualTo(20));
        Assert.That(result.PendingWakeups, Is.EqualTo(3));
    }

    [Test]
    public void RoundTrip_UpdateTroupeSettings_KeepsBothCounts()
    {
        var result = RoundTrip(new UpdateTroupeSettings { MaxCount = 8, IdleCount = null });

        Assert.That(result.MaxCount, Is.EqualTo(8));
        Assert.That(result.IdleCount, Is.Null);
    }

    [Test]
    public void RoundTrip_SystemMessageInAnObjectProperty_KeepsItsType()
    {
        var result = (Holder)_serializer.RoundTrip(new Holder(new LoadedSource("h")));

        Assert.That(result.Value, Is.TypeOf<LoadedSource>());
        Assert.That(((LoadedSource)result.Value!).SourceHash, Is.EqualTo("h"));
    }

    [Test]
    public void RoundTrip_SystemMessagesWithThespianOnlyAllowList_Arrive()
    {
        var serializer = WireTestSerializers.ThespianOnly();

        var result = serializer.RoundTrip(new PoisonMessage(new List<object?> { 1, "a" }, "d"));

        var list = (List<object?>)((PoisonMessage)result).Message;
        Assert.That(list[0], Is.TypeOf<int>().And.EqualTo(1));
        Assert.That(list[1], Is.EqualTo("a"));
    }
}
