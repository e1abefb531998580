using Thespian.Multiproc;

namespace Thespian.Tests.Cli;

/// <summary>Verbs that act on a system fail fast with exit code 1 when nothing listens on the port, and start nothing.</summary>
public sealed class NoAdminTests
{
    private int _port;

    [SetUp]
    public void TakeFreePort() => _port = MultiprocSupport.FreePort();

    [TestCase("status")]
    [TestCase("stop")]
    [TestCase("unload", "4287506d1ec86140674a1ef7296496815a8ddb72b56dd518a8243c87070c9806")]
    public void Verb_NothingListening_ExitsOneWithOneLineNamingThePort(string verb, params string[] args)
    {
        var result = CliRunner.Run([verb, "--port", _port.ToString(), .. args]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.StdErr, Does.Contain($"Nothing is listening on port {_port}"));
            Assert.That(result.StdOut, Is.Empty);
            Assert.That(CliRunner.Probe(_port), Is.EqualTo(AdminProbeResult.Nothing), "the verb started an admin");
        }
    }

    [Test]
    public void Load_NothingListening_ExitsOne()
    {
        var zip = Path.Combine(Path.GetTempPath(), "thespian-cli-" + Guid.NewGuid().ToString("N") + ".zip");
        File.WriteAllBytes(zip, SourceZips.Small());
        try
        {
            var result = CliRunner.Run("load", "--port", _port.ToString(), zip);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
                Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
                Assert.That(CliRunner.Probe(_port), Is.EqualTo(AdminProbeResult.Nothing));
            }
        }
        finally
        {
            File.Delete(zip);
        }
    }
}
