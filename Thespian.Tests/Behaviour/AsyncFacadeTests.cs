namespace Thespian.Tests.Behaviour;

/// <summary>
/// The asynchronous facade: CreateActorAsync (every overload), typed AskAsync&lt;T&gt; (its null, timeout and wrong-type
/// answers), ShutdownAsync and DisposeAsync, on every base.
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class AsyncFacadeTests(string systemBase) : BaseFixture(systemBase)
{
    public sealed record Measure(string Text);

    /// <summary>Answers a <see cref="Measure"/> with the text's length (an int); "crash" throws; others are ignored.</summary>
    public sealed class Measurer : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is Measure { Text: "crash" })
            {
                throw new InvalidOperationException("measuring failed on purpose");
            }

            if (message is Measure measure)
            {
                Send(sender, measure.Text.Length);
            }
        }
    }

    [Test]
    public async Task CreateActorAsync_Generic_CreatesAnActorThatAnswers()
    {
        var echo = await System.CreateActorAsync<EchoActor>();

        Assert.That(await System.AskAsync(echo, "hello", Patience), Is.EqualTo("hello"));
    }

    [Test]
    public async Task CreateActorAsync_ByType_CreatesAnActorThatAnswers()
    {
        var echo = await System.CreateActorAsync(typeof(EchoActor));

        Assert.That(await System.AskAsync(echo, "by type", Patience), Is.EqualTo("by type"));
    }

    [Test]
    public async Task CreateActorAsync_ByTypeName_CreatesAnActorThatAnswers()
    {
        var echo = await System.CreateActorAsync(typeof(EchoActor).FullName!);

        Assert.That(await System.AskAsync(echo, "by name", Patience), Is.EqualTo("by name"));
    }

    [Test]
    public async Task CreateActorAsync_SameGlobalNameTwice_ReturnsTheSameAddress()
    {
        var first = await System.CreateActorAsync<EchoActor>(globalName: "async-named");
        var second = await System.CreateActorAsync<EchoActor>(globalName: "async-named");

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void CreateActorAsync_TypeThatIsNotAnActor_ThrowsInvalidActorSpecification()
    {
        Assert.ThrowsAsync<InvalidActorSpecificationException>(() => System.CreateActorAsync("No.Such.ActorType"));
    }

    [Test]
    public void CreateActorAsync_AlreadyCancelled_IsCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(async () => await System.CreateActorAsync<EchoActor>(cancellationToken: cancelled.Token),
                    Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task AskAsyncTyped_ReplyOfTheTypeAskedFor_ReturnsIt()
    {
        var measurer = await System.CreateActorAsync<Measurer>();

        int length = await System.AskAsync<int>(measurer, new Measure("four"), Patience);

        Assert.That(length, Is.EqualTo(4));
    }

    [Test]
    public async Task AskAsyncTyped_ReferenceType_ReturnsTheReply()
    {
        var echo = await System.CreateActorAsync<EchoActor>();

        Assert.That(await System.AskAsync<string>(echo, "text", Patience), Is.EqualTo("text"));
    }

    [Test]
    public async Task AskAsyncTyped_ReplyOfAnotherType_ThrowsNamingBothTypes()
    {
        var echo = await System.CreateActorAsync<EchoActor>();

        var ex = Assert.ThrowsAsync<UnexpectedReplyException>(() => System.AskAsync<int>(echo, "not a number", Patience))!;

        Assert.That(ex.Message, Does.Contain("System.Int32").And.Contain("System.String"));
        Assert.That(ex.Reply, Is.EqualTo("not a number"));
        Assert.That(ex.ExpectedType, Is.EqualTo(typeof(int)));
    }

    [Test]
    public async Task AskAsyncTyped_ActorFailsOnTheRequest_ThrowsCarryingThePoisonMessage()
    {
        var measurer = await System.CreateActorAsync<Measurer>();

        var ex = Assert.ThrowsAsync<UnexpectedReplyException>(() => System.AskAsync<int>(measurer, new Measure("crash"), Patience))!;

        Assert.That(ex.Reply, Is.InstanceOf<PoisonMessage>());
        Assert.That(ex.Message, Does.Contain(typeof(PoisonMessage).FullName));
    }

    [Test]
    public async Task AskAsyncTyped_NoReplyForAReferenceType_ReturnsNull()
    {
        var measurer = await System.CreateActorAsync<Measurer>();

        Assert.That(await System.AskAsync<string>(measurer, "ignored", Brief), Is.Null);
    }

    [Test]
    public async Task AskAsyncTyped_NoReplyForANullableValueType_ReturnsNull()
    {
        var measurer = await System.CreateActorAsync<Measurer>();

        Assert.That(await System.AskAsync<int?>(measurer, "ignored", Brief), Is.Null);
    }

    [Test]
    public async Task AskAsyncTyped_NoReplyForAValueType_ThrowsTimeoutRatherThanReturnZero()
    {
        var measurer = await System.CreateActorAsync<Measurer>();

        var ex = Assert.ThrowsAsync<ActorSystemRequestTimeoutException>(() => System.AskAsync<int>(measurer, "ignored", Brief))!;

        Assert.That(ex.Message, Does.Contain("System.Int32").And.Contain("Int32?"));
    }

    [Test]
    public async Task AskAsyncTyped_NullableValueTypeWithAReply_ReturnsTheValue()
    {
        var measurer = await System.CreateActorAsync<Measurer>();

        Assert.That(await System.AskAsync<int?>(measurer, new Measure("abc"), Patience), Is.EqualTo(3));
    }

    [Test]
    public async Task ShutdownAsync_StopsTheSystemAndEveryProcess()
    {
        var system = StartSystem(capabilities: null);
        var echo = await system.CreateActorAsync<EchoActor>();
        Assert.That(await system.AskAsync<string>(echo, "before", Patience), Is.EqualTo("before"));
        var processes = MultiprocSupport.ProcessesOf(system);

        await system.ShutdownAsync();

        Assert.That(() => system.Tell(echo, "after"), Throws.InstanceOf<ActorSystemFailureException>());
        MultiprocSupport.AssertAllExited(processes);
    }

    [Test]
    public async Task ShutdownAsync_AlreadyCancelled_DoesNothingAndTheSystemKeepsRunning()
    {
        var echo = await System.CreateActorAsync<EchoActor>();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(async () => await System.ShutdownAsync(cancelled.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(await System.AskAsync<string>(echo, "still running", Patience), Is.EqualTo("still running"));
    }

    [Test]
    public async Task DisposeAsync_PrivateEndpoint_LeavesTheSystemRunning()
    {
        var echo = await System.CreateActorAsync<EchoActor>();
        var endpoint = System.Private();

        await endpoint.DisposeAsync();

        Assert.That(() => endpoint.Tell(echo, "after"), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(await System.AskAsync<string>(echo, "still here", Patience), Is.EqualTo("still here"));
    }

    [Test]
    public async Task DisposeAsync_Twice_IsHarmless()
    {
        var endpoint = System.Private();

        await endpoint.DisposeAsync();

        Assert.That(async () => await endpoint.DisposeAsync(), Throws.Nothing);
    }
}
