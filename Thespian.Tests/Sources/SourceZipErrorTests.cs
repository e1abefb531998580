using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources;

/// <summary>Validated zips that cannot be used: the source stays unusable, the system unharmed.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class SourceZipErrorTests(string systemBase) : SourceFixture(systemBase)
{
    private static readonly byte[] TextFile = "not an assembly"u8.ToArray();

    public static IEnumerable<TestCaseData> UnusableZips()
    {
        var greeter = SourceCompiler.Compile("Thespian.TestSources.Greeting", "namespace Sources.Broken; public sealed class A : Thespian.Actor { public override void ReceiveMessage(object m, Thespian.ActorAddress s) { } }");
        yield return new TestCaseData((object)"this is not a zip"u8.ToArray()).SetArgDisplayNames("not a zip");
        var zip = SourceZip.Of(("A.dll", greeter));
        yield return new TestCaseData((object)zip[..(zip.Length / 2)]).SetArgDisplayNames("truncated zip");
        yield return new TestCaseData((object)SourceZip.Of(("readme.txt", TextFile))).SetArgDisplayNames("a text entry");
        yield return new TestCaseData((object)SourceZip.Of(("Fake.dll", TextFile))).SetArgDisplayNames("a .dll that is not an assembly");
        yield return new TestCaseData((object)SourceZip.Of(("A.dll", greeter), ("copy/A.dll", greeter))).SetArgDisplayNames("one assembly twice");
        yield return new TestCaseData((object)SourceZip.Of()).SetArgDisplayNames("an empty zip");
    }

    [SetUp]
    public void RegisterTheAuthority() => RegisterAuthority();

    [TestCaseSource(nameof(UnusableZips))]
    public void AValidatedZipThatCannotBeUsed_IsNotLoadedAndTheSystemKeepsWorking(byte[] zip)
    {
        var watcher = System.CreateActor<SourceWatcher>();
        Assert.That(System.Ask(watcher, "watch", Patience), Is.EqualTo("watching"));

        var hash = Load(zip);

        Assert.Multiple(() =>
        {
            Assert.That(System.Listen(Brief), Is.Null, "no LoadedSource for an unusable source");
            Assert.That(LoadedSources(), Does.Not.Contain(hash));
            Assert.That(() => System.CreateActor(TestSources.GreeterType, sourceHash: hash),
                        Throws.InstanceOf<InvalidActorSourceHashException>());
        });
        var good = Load(TestSources.Greeter("v1"));
        Assert.That(ListenFor<string>(), Does.StartWith($"loaded {good}"));
        Assert.That(System.Ask(System.CreateActor(TestSources.GreeterType, sourceHash: good), "version", Patience),
                    Is.EqualTo("v1"));
    }
}
