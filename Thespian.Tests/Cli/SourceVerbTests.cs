using System.Security.Cryptography;

namespace Thespian.Tests.Cli;

/// <summary>load and unload against a real admin (which has no source authority).</summary>
public sealed class SourceVerbTests : CliAdminFixture
{
    private string _zip = null!;

    [SetUp]
    public void WriteZip()
    {
        _zip = Path.Combine(Path.GetTempPath(), "thespian-cli-" + Guid.NewGuid().ToString("N") + ".zip");
        File.WriteAllBytes(_zip, SourceZips.Small());
    }

    [TearDown]
    public void DeleteZip() => File.Delete(_zip);

    [Test]
    public void Load_RealZip_PrintsTheSha256OfTheFile()
    {
        StartAdmin();

        var result = Run("load", "--port", PortText, _zip);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut.Trim(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_zip)))));
            Assert.That(result.StdErr, Does.Contain("no source authority"));
        }
    }

    [Test]
    public void Load_WithoutSourceAuthority_StatusListsNoLoadedSource()
    {
        StartAdmin();
        Assert.That(Run("load", "--port", PortText, _zip).ExitCode, Is.Zero);

        var status = Run("status", "--port", PortText).StdOut;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Does.Contain("Source authority:     (none)"));
            Assert.That(status, Does.Contain("Loaded sources:       (none)"));
        }
    }

    [Test]
    public void Unload_HashNotLoaded_ExitsZeroSayingNothingToUnload()
    {
        StartAdmin();
        var hash = Run("load", "--port", PortText, _zip).StdOut.Trim();

        var result = Run("unload", "--port", PortText, hash.ToUpperInvariant());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Contain($"No loaded source has the hash {hash}"));
        }
    }
}
