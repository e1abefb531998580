using System.Text;
using Newtonsoft.Json;
using Thespian.Multiproc;
using Thespian.Sources;
using Thespian.Tests.Sources.Support;
using Thespian.Wire;

namespace Thespian.Tests.Sources;

/// <summary>
/// Message types from sources on the wire: the type name says which source the type comes from, a process that
/// has loaded that source resolves it there, and any other process refuses it, saying which source it lacks.
/// </summary>
public sealed class SourceWireTests
{
    private readonly List<SourceCatalog> _catalogs = [];

    [TearDown]
    public void UnloadSources()
    {
        foreach (var catalog in _catalogs)
        {
            catalog.UnloadAll();
        }
    }

    private (WireSerializer Serializer, SourceCatalog Catalog) ProcessWith(params string[] versions)
    {
        var catalog = new SourceCatalog();
        _catalogs.Add(catalog);
        foreach (var version in versions)
        {
            var zip = TestSources.Greeter(version);
            _ = catalog.Load(SourceFiles.Hash(zip), zip, info: null);
        }

        var actorPath = new ActorPath([]) { Sources = catalog };
        return (new WireSerializer(actorPath.CreateAllowList(), id => new ActorAddress(id)), catalog);
    }

    private static object NewGreeting(SourceCatalog catalog, string version)
    {
        var zip = TestSources.Greeter(version);
        var type = catalog.Find(SourceFiles.Hash(zip))!.FindType("Sources.Greeting.Greeting")!;
        return Activator.CreateInstance(type, "hello", version)!;
    }

    [Test]
    public void ASourceType_IsNamedWithItsSourceHashOnTheWire()
    {
        var (serializer, catalog) = ProcessWith("v1");
        var hash = SourceFiles.Hash(TestSources.Greeter("v1"));

        var json = Encoding.UTF8.GetString(serializer.Serialize(NewGreeting(catalog, "v1")));

        Assert.That(json, Does.Contain($"Sources.Greeting.Greeting, Thespian.TestSources.Greeting@{hash}"));
    }

    [Test]
    public void AProcessThatLoadedTheSource_ResolvesTheTypeInThatSource()
    {
        var (sender, senderCatalog) = ProcessWith("v1");
        var (receiver, receiverCatalog) = ProcessWith("v2", "v1");
        var bytes = sender.Serialize(NewGreeting(senderCatalog, "v1"));

        var received = receiver.Deserialize(bytes);

        var v1Context = receiverCatalog.Find(SourceFiles.Hash(TestSources.Greeter("v1")))!.Context;
        Assert.Multiple(() =>
        {
            Assert.That(received.GetType().FullName, Is.EqualTo("Sources.Greeting.Greeting"));
            Assert.That(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(received.GetType().Assembly), Is.SameAs(v1Context));
            Assert.That(received.ToString(), Does.Contain("v1"));
        });
    }

    [Test]
    public void AProcessWithoutTheSource_RefusesTheTypeNamingTheSource()
    {
        var (sender, senderCatalog) = ProcessWith("v1");
        var (receiver, _) = ProcessWith("v2");
        var bytes = sender.Serialize(NewGreeting(senderCatalog, "v1"));

        var exception = Assert.Catch<JsonException>(() => receiver.Deserialize(bytes));

        var refused = Thespian.Tests.Wire.WireTestSerializers.FindInChain<DisallowedTypeException>(exception);
        Assert.That(refused?.Message, Does.Contain($"actor source {SourceFiles.Hash(TestSources.Greeter("v1"))}")
                                          .And.Contain("has not loaded"));
    }

    [Test]
    public void AProcessWithoutAnySource_RefusesTheTypeWithoutLoadingAnything()
    {
        var (sender, senderCatalog) = ProcessWith("v1");
        var receiver = new WireSerializer(new ActorPath([]).CreateAllowList(), id => new ActorAddress(id));
        var bytes = sender.Serialize(NewGreeting(senderCatalog, "v1"));
        var contextsBefore = System.Runtime.Loader.AssemblyLoadContext.All.Count();

        Assert.Catch<JsonException>(() => receiver.Deserialize(bytes));

        Assert.That(System.Runtime.Loader.AssemblyLoadContext.All.Count(), Is.EqualTo(contextsBefore));
    }
}
