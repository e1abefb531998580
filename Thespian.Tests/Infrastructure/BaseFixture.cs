namespace Thespian.Tests.Infrastructure;

/// <summary>
/// The base class of behavioural fixtures: each test gets a fresh, transient system of the fixture's
/// base, shut down after the test. Scenarios are written once and run on every base in <see cref="TestBases.All"/>.
/// </summary>
public abstract class BaseFixture
{
    /// <summary>A generous wait for answers that must arrive (never a measure of speed).</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A short wait for answers that must not arrive.</summary>
    protected static readonly TimeSpan Brief = TimeSpan.FromMilliseconds(200);

    protected BaseFixture(string systemBase)
    {
        SystemBase = systemBase;
    }

    /// <summary>The base this fixture instance runs on.</summary>
    protected string SystemBase { get; }

    /// <summary>The system under test (fresh for each test).</summary>
    protected ActorSystem System { get; private set; } = null!;

    [SetUp]
    public void StartSystem()
    {
        System = StartSystem(capabilities: null);
    }

    [TearDown]
    public void StopSystem()
    {
        System.Shutdown();
        System.Dispose();
    }

    /// <summary>Starts another transient system of this fixture's base (the test shuts it down).</summary>
    protected ActorSystem StartSystem(IDictionary<string, object?>? capabilities, LogDefs? logDefs = null) =>
        new(SystemBase, capabilities, logDefs ?? LogDefs.Disabled, transientUnique: true);
}
