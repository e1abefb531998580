namespace Thespian.Tests.Cli;

/// <summary>Bad arguments end with exit code 2 and one line on stderr, before anything is probed or started.</summary>
public sealed class ArgumentErrorTests
{
    private int _port;

    [SetUp]
    public void TakeFreePort() => _port = MultiprocSupport.FreePort();

    [TearDown]
    public void NothingWasStarted() =>
        Assert.That(CliRunner.Probe(_port), Is.EqualTo(Thespian.Multiproc.AdminProbeResult.Nothing), "a bad command line started an admin");

    private CliResult Run(params string[] args) => CliRunner.Run([.. args, "--port", _port.ToString()]);

    private static void AssertBadArguments(CliResult result, params string[] expected)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.StdOut, Is.Empty);
            foreach (var text in expected)
            {
                Assert.That(result.StdErr, Does.Contain(text));
            }
        }
    }

    [TestCase("start")]
    [TestCase("status")]
    [TestCase("stop")]
    public void Base_Unknown_ExitsTwoListingTheKnownBases(string verb)
    {
        AssertBadArguments(Run(verb, "--base", "multiprocQUICBase"),
                           "'multiprocQUICBase'", "simpleSystemBase", "multiprocTCPBase", "multiprocUDPBase");
    }


    [Test]
    public void Start_UnknownProcessStartupMethod_ExitsTwoListingTheValidValues()
    {
        AssertBadArguments(Run("start", "--capability", "Process Startup Method=fork"),
                           "Process Startup Method", "\"fork\"", "\"pool\"", "\"spawn\"");
    }

    [Test]
    public void Base_Simple_ExitsTwoSayingItHasNoAdmin()
    {
        AssertBadArguments(Run("status", "--base", "simpleSystemBase"), "has no admin");
    }

    [Test]
    public void Base_OtherCase_IsAccepted()
    {
        var result = Run("status", "--base", "MULTIPROCTCPBASE");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
    }

    [TestCase("0")]
    [TestCase("65536")]
    [TestCase("port")]
    public void Port_OutOfRange_ExitsTwo(string port)
    {
        AssertBadArguments(CliRunner.Run("status", "--port", port), "--port", port);
    }

    [TestCase("Lanes")]
    [TestCase("=3")]
    public void Capability_WithoutNameAndValue_ExitsTwo(string capability)
    {
        AssertBadArguments(Run("start", "--capability", capability), "NAME=VALUE");
    }

    [Test]
    public void Capability_ReadOnly_ExitsTwo()
    {
        AssertBadArguments(Run("start", "--capability", "Thespian Version=7"), "read-only");
    }

    [Test]
    public void Capability_AdminPort_ExitsTwoPointingAtPortOption()
    {
        AssertBadArguments(Run("start", "--capability", "Admin Port=1234"), "--port");
    }

    [TestCase("leader")]
    [TestCase("leader:")]
    [TestCase("leader:99999")]
    public void Convention_NotHostAndPort_ExitsTwo(string convention)
    {
        AssertBadArguments(Run("start", "--convention", convention), "HOST:PORT");
    }

    [Test]
    public void ActorPath_MissingFolder_ExitsTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), "thespian-cli-" + Guid.NewGuid().ToString("N"));

        AssertBadArguments(Run("start", "--actor-path", missing), missing, "does not exist");
    }

    [Test]
    public void App_NoApplicationFilesBesideIt_ExitsTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), "thespian-cli-" + Guid.NewGuid().ToString("N") + ".dll");

        AssertBadArguments(Run("start", "--app", missing), missing, ".deps.json and .runtimeconfig.json");
    }

    [Test]
    public void Load_MissingFile_ExitsTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), "thespian-cli-" + Guid.NewGuid().ToString("N") + ".zip");

        AssertBadArguments(Run("load", missing), missing, "does not exist");
    }

    [Test]
    public void Load_FileThatIsNotAZip_ExitsTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), "thespian-cli-" + Guid.NewGuid().ToString("N") + ".zip");
        File.WriteAllText(path, "not a zip");
        try
        {
            AssertBadArguments(Run("load", path), "is not a zip file");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Load_NoZip_ExitsTwo()
    {
        AssertBadArguments(Run("load"), "thespian-admin load --help");
    }

    [TestCase("abc")]
    [TestCase("zz4287506d1ec86140674a1ef7296496815a8ddb72b56dd518a8243c87070c98")]
    public void Unload_NotAHash_ExitsTwo(string hash)
    {
        AssertBadArguments(Run("unload", hash), "64 hex digits");
    }
}
