using Thespian.Tests.Sources.Authority.Support;
using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Cli;

/// <summary>'thespian-admin load' of signed packages into an admin whose source authority is a SignedSourceAuthority.</summary>
[NonParallelizable]
public sealed class SignedLoadTests : CliAdminFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private string _folder = null!;
    private ActorSystem? _joined;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "thespian-signed-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void LeaveAndDeleteFolder()
    {
        _joined?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void Load_SignedPackage_IsListedAsLoaded_AndATamperedOneIsNot()
    {
        StartAdmin();
        var keys = Path.Combine(_folder, "keys");
        Assert.That(Run("keygen", "--out", keys).ExitCode, Is.Zero);
        ConfigureAuthority(File.ReadAllText(Path.Combine(keys, "public.pem")));
        var source = Path.Combine(_folder, "greeter.zip");
        File.WriteAllBytes(source, TestSources.Greeter("v1"));
        var package = Path.Combine(_folder, "greeter.signed.zip");
        Assert.That(Run("sign", "--key", Path.Combine(keys, "private.pem"), "--out", package, source).ExitCode, Is.Zero);
        var tampered = Path.Combine(_folder, "tampered.zip");
        File.WriteAllBytes(tampered, PackageEditor.Edit(File.ReadAllBytes(package), PackageEditor.Payload, p => PackageEditor.FlipBit(p, 500)));

        var badHash = Run("load", "--port", PortText, tampered).StdOut.Trim();
        var goodHash = Run("load", "--port", PortText, package).StdOut.Trim();

        Assert.That(SpinWait.SpinUntil(() => Run("status", "--port", PortText).StdOut.Contains(goodHash, StringComparison.Ordinal), Patience),
                    Is.True, "the signed package is listed as loaded");
        Assert.That(Run("status", "--port", PortText).StdOut, Does.Not.Contain(badHash));
    }

    private void ConfigureAuthority(string publicKeyPem)
    {
        _joined = new ActorSystem(SystemBaseNames.MultiprocTcp,
                                  new Dictionary<string, object?> { [CommonCapabilities.AdminPort] = Port },
                                  MultiprocSupport.TestLogDefs(SystemBaseNames.MultiprocTcp), transientUnique: true);
        var authority = _joined.CreateActor<SignedSourceAuthority>();
        Assert.That(_joined.Ask(authority, new ConfigureSourceAuthority(publicKeyPem), Patience), Is.InstanceOf<SourceAuthorityReady>());
    }
}
