namespace Thespian.Tests.Cli;

/// <summary>--help on the root and on every verb, and command lines that name no verb or an unknown one.</summary>
public sealed class HelpTests
{
    private static readonly string[] Verbs = ["start", "status", "stop", "load", "unload", "sign", "keygen"];

    [Test]
    public void Help_Root_ListsEveryVerbAndTheExitCodes()
    {
        var result = CliRunner.Run("--help");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            foreach (var verb in Verbs)
            {
                Assert.That(result.StdOut, Does.Match($@"(?m)^\s+{verb}\b"), $"verb {verb} missing:\n{result.StdOut}");
            }

            Assert.That(result.StdOut, Does.Contain("1 nothing is listening on the port"));
        }
    }

    [TestCase("start", "--capability", "--convention", "--actor-path", "--app", "--foreground")]
    [TestCase("status")]
    [TestCase("stop")]
    [TestCase("load", "<ZIP>")]
    [TestCase("unload", "<HASH>")]
    public void Help_Verb_DescribesItsOptions(string verb, params string[] extras)
    {
        var result = CliRunner.Run(verb, "--help");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Contain($"thespian-admin {verb}"));
            Assert.That(result.StdOut, Does.Contain("--base").And.Contain("[default: multiprocTCPBase]"));
            Assert.That(result.StdOut, Does.Contain("--port").And.Contain("1900"));
            foreach (var extra in extras)
            {
                Assert.That(result.StdOut, Does.Contain(extra));
            }
        }
    }

    [TestCase("sign", "--key", "<PRIVATE.pem>", "--encrypt-key", "--key-id", "--out", "<SOURCE.zip>")]
    [TestCase("keygen", "--out", "<DIR>", "--algorithm", "ecdsa|rsa", "--encryption")]
    public void Help_SigningVerb_DescribesItsOptionsAndTalksToNoAdmin(string verb, params string[] options)
    {
        var result = CliRunner.Run(verb, "--help");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Contain($"thespian-admin {verb}").And.Contain("Talks to no admin"));
            Assert.That(result.StdOut, Does.Not.Contain("--port"));
            foreach (var option in options)
            {
                Assert.That(result.StdOut, Does.Contain(option));
            }
        }
    }

    [Test]
    public void Help_Start_SaysHowCapabilityValuesAreTyped()
    {
        var result = CliRunner.Run("start", "--help");

        Assert.That(result.StdOut, Does.Contain("int").And.Contain("true/false a bool").And.Contain("string"));
    }

    [Test]
    public void Run_NoVerb_ExitsTwoNamingTheVerbs()
    {
        var result = CliRunner.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(result.StdErr, Does.Contain("start, status, stop, load, unload, sign, keygen"));
        }
    }

    [Test]
    public void Run_UnknownVerb_ExitsTwoWithOneLine()
    {
        var result = CliRunner.Run("restart");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(result.StdErr, Does.Contain("'restart'"));
        }
    }

    [Test]
    public void Run_UnknownOption_ExitsTwoWithOneLine()
    {
        var result = CliRunner.Run("status", "--verbose");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(result.StdErr, Does.Contain("--verbose").And.Contain("thespian-admin status --help"));
        }
    }
}
