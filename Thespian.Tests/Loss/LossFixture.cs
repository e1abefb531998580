using NUnit.Framework.Interfaces;

namespace Thespian.Tests.Loss;

/// <summary>
/// The base of the loss tests. Each test gets a fresh <see cref="NetworkNamespace"/> (<see cref="Space"/>) and a work
/// folder with the system log; it installs its <see cref="DropRule"/> and runs the peer program inside. TearDown kills
/// whatever still runs in the namespace (by process id) and deletes it, whatever the outcome; OneTimeTearDown deletes
/// any namespace a failed SetUp or TearDown left. A machine that cannot run them skips them, with the reason
/// (<see cref="LossEnvironment"/>); on CI that is a failure.
/// </summary>
[Category("Loss")]
public abstract class LossFixture
{
    private readonly List<NetworkNamespace> _created = [];
    private NetworkNamespace? _space;
    private string _nft = "";

    /// <summary>This test's namespace.</summary>
    protected NetworkNamespace Space => _space ?? throw new InvalidOperationException("No namespace: SetUp did not create one.");

    /// <summary>This test's folder (deleted after a passing test, kept after a failing one).</summary>
    protected string WorkFolder { get; private set; } = null!;

    /// <summary>The system log file of this test: every process of the peer's system appends to it.</summary>
    protected string LogFile => Path.Combine(WorkFolder, "system.log");

    [SetUp]
    public void CreateNamespace()
    {
        var (ip, nft) = LossEnvironment.Require();
        _nft = nft;
        try
        {
            _space = NetworkNamespace.Create(ip);
        }
        catch (SystemCommandException ex)
        {
            LossEnvironment.Unavailable($"no network namespace could be created ({ex.Message})");
        }

        _created.Add(_space);
        WorkFolder = Path.Combine(Path.GetTempPath(), "thespian-loss-tests",
                                  $"{TestContext.CurrentContext.Test.MethodName}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(WorkFolder);
    }

    [TearDown]
    public void DeleteNamespace()
    {
        if (_space is null)
        {
            return;
        }

        var name = _space.Name;
        var killed = _space.KillLeftovers(TimeSpan.FromSeconds(10));
        _space.Dispose();
        var deleted = !_space.Exists;
        _space = null;
        KeepOrDeleteWorkFolder();
        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.True, $"the network namespace {name} was deleted");
            Assert.That(killed, Is.Empty, $"processes left in {name} at teardown (killed)");
        });
    }

    [OneTimeTearDown]
    public void DeleteEveryNamespace()
    {
        foreach (var space in _created)
        {
            space.Dispose();
        }

        _created.Clear();
    }

    private void KeepOrDeleteWorkFolder()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != TestStatus.Passed)
        {
            TestContext.Out.WriteLine($"The system log is kept: {LogFile}");
            return;
        }

        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (IOException)
        {
            // A straggler still writing; the temp folder is cleaned by the system eventually.
        }
    }

    /// <summary>Installs a rule that drops <paramref name="percent"/>% of the protocol's packets in <see cref="Space"/>.</summary>
    protected DropRule InstallDropRule(LossProtocol protocol, int percent)
    {
        try
        {
            return DropRule.Install(Space, _nft, protocol, percent);
        }
        catch (SystemCommandException ex)
        {
            LossEnvironment.Unavailable($"nftables refused the drop rule ({ex.Message})");
            throw;
        }
    }

    /// <summary>The integer printed as "<paramref name="key"/>=...", or null.</summary>
    protected static int? IntValue(Thespian.Tests.Multiproc.PeerResult result, string key) =>
        int.TryParse(result.Value(key), System.Globalization.NumberStyles.AllowLeadingSign,
                     System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
