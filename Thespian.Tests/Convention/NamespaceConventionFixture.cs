using System.Globalization;
using NUnit.Framework.Interfaces;
using Thespian.Tests.Loss;

namespace Thespian.Tests.Convention;

/// <summary>
/// The base of tests whose systems run in network namespaces of their own, joined by a bridge
/// (<see cref="BridgedNetwork"/>: system i in namespace i, at 10.231.0.(i+1)). Each system is a peer program
/// (Thespian.Tests.Peer) started in its namespace with THESPIAN_BASE_IPADDR set to that namespace's address, so its
/// admin, hosts and application bind it. Each test gets a fresh network and a work folder with a log per system.
/// TearDown kills whatever still runs in any of the namespaces (by process id) and deletes them all, whatever the
/// outcome; OneTimeTearDown deletes any a failed SetUp or TearDown left. A machine that cannot create namespaces skips
/// these tests with the loss tests' reason (<see cref="LossEnvironment"/>); on CI that is a failure.
/// </summary>
/// <param name="systemBase">The base every system runs on.</param>
/// <param name="systems">How many system namespaces the network joins.</param>
[Category("Namespaces")]
public abstract class NamespaceConventionFixture(string systemBase, int systems)
{
    private readonly List<BridgedNetwork> _created = [];
    private BridgedNetwork? _network;

    /// <summary>The base every system runs on.</summary>
    protected string SystemBase => systemBase;

    /// <summary>This test's network.</summary>
    protected BridgedNetwork Network => _network ?? throw new InvalidOperationException("No network: SetUp did not create one.");

    /// <summary>This test's folder (deleted after a passing test, kept after a failing one).</summary>
    protected string WorkFolder { get; private set; } = null!;

    /// <summary>The log file of system <paramref name="index"/>: every process of that system appends to it.</summary>
    protected string LogOf(int index) => Path.Combine(WorkFolder, string.Create(CultureInfo.InvariantCulture, $"system{index + 1}.log"));

    [SetUp]
    public void CreateNetwork()
    {
        var ip = LossEnvironment.RequireNamespaces();
        try
        {
            _network = BridgedNetwork.Create(ip, systems, "convention");
        }
        catch (SystemCommandException ex)
        {
            LossEnvironment.Unavailable($"no network namespaces joined by a bridge could be created ({ex.Message})");
        }

        _created.Add(_network);
        WorkFolder = Path.Combine(Path.GetTempPath(), "thespian-namespace-tests",
                                  $"{TestContext.CurrentContext.Test.MethodName}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(WorkFolder);
    }

    [TearDown]
    public void DeleteNetwork()
    {
        if (_network is null)
        {
            return;
        }

        var spaces = _network.All;
        var killed = spaces.SelectMany(space => space.KillLeftovers(TimeSpan.FromSeconds(10)).Select(left => $"{space.Name}: {left}")).ToList();
        _network.Dispose();
        _network = null;
        var remaining = spaces.Where(space => space.Exists).Select(space => space.Name).ToList();
        KeepOrDeleteWorkFolder();
        Assert.Multiple(() =>
        {
            Assert.That(remaining, Is.Empty, "network namespaces not deleted");
            Assert.That(killed, Is.Empty, "processes left in the namespaces at teardown (killed)");
        });
    }

    [OneTimeTearDown]
    public void DeleteEveryNetwork()
    {
        foreach (var network in _created)
        {
            network.Dispose();
        }

        _created.Clear();
    }

    /// <summary>
    /// Starts the peer program as system <paramref name="index"/> in its namespace, on admin port <paramref name="port"/>,
    /// with its log, <see cref="SystemBase"/>, <paramref name="options"/> (e.g. --capability) and <paramref name="command"/>.
    /// </summary>
    protected NamespacedPeerProcess StartSystem(int index, int port, IEnumerable<string> options, params string[] command) =>
        NamespacedPeerProcess.Start(
            Network.Hosts[index],
            [port.ToString(CultureInfo.InvariantCulture), "--log", LogOf(index), "--base", SystemBase, .. options, .. command],
            new Dictionary<string, string> { ["THESPIAN_BASE_IPADDR"] = BridgedNetwork.AddressOf(index) });

    private void KeepOrDeleteWorkFolder()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != TestStatus.Passed)
        {
            TestContext.Out.WriteLine($"The system logs are kept: {WorkFolder}");
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
}
