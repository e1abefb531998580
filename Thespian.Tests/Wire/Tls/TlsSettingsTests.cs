using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Thespian.Tests.Multiproc.Tls;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Tests.Wire.Tls;

/// <summary>
/// Reading the TLS capabilities (real files: PKCS#12 with and without a password, PEM), the errors that say what was wrong
/// and what to set, the password's redaction, handing the settings down to a child, and which peers' certificates are trusted.
/// </summary>
public sealed class TlsSettingsTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"thespian-tls-settings-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void From_NoTlsCapability_IsNull() =>
        Assert.That(TlsSettings.From(new Dictionary<string, object?> { [CommonCapabilities.AdminPort] = 1 }), Is.Null);

    [Test]
    public void From_PfxWithPasswordFile_LoadsTheCertificateWithItsKey()
    {
        using var certificate = TestCertificates.Make("system");
        var capabilities = Capabilities(TestCertificates.WritePfx(_folder, certificate, "pfx-password"),
                                        passwordFile: TestCertificates.WriteText(_folder, "pfx-password"));

        var tls = TlsSettings.From(capabilities)!;

        Assert.That(tls.Certificate.Thumbprint, Is.EqualTo(certificate.Thumbprint));
        Assert.That(tls.Certificate.HasPrivateKey, Is.True);
        Assert.That(tls.ToString(), Does.Contain("CN=system").And.Not.Contain("pfx-password"));
    }

    [Test]
    public void From_PemWithKeyAndPasswordText_LoadsAndRedactsThePassword()
    {
        using var certificate = TestCertificates.Make("pem system");
        var capabilities = Capabilities(TestCertificates.WritePem(_folder, certificate));

        var tls = TlsSettings.From(capabilities)!;
        var redacted = TlsSettings.Redact(new Dictionary<string, object?>(capabilities)
        {
            [CommonCapabilities.ThespianTlsCertificatePassword] = "visible?",
        })!;

        Assert.That(tls.Certificate.Thumbprint, Is.EqualTo(certificate.Thumbprint));
        Assert.That(tls.Certificate.HasPrivateKey, Is.True);
        Assert.That(redacted[CommonCapabilities.ThespianTlsCertificatePassword], Is.EqualTo(SecretSettings.Redacted));
    }

    [Test]
    public void From_MissingCertificateFile_SaysWhichFileAndWhichCapability()
    {
        var missing = Path.Combine(_folder, "nowhere.pfx");

        var error = Assert.Throws<ActorSystemStartupFailureException>(() => TlsSettings.From(Capabilities(missing)));

        Assert.That(error!.Message, Does.Contain(missing).And.Contain("\"Thespian TLS Certificate\"").And.Contain("cannot be read"));
    }

    [Test]
    public void From_WrongPassword_SaysToSetThePasswordFile()
    {
        using var certificate = TestCertificates.Make("system");
        var path = TestCertificates.WritePfx(_folder, certificate, "right");

        var error = Assert.Throws<ActorSystemStartupFailureException>(
            () => TlsSettings.From(Capabilities(path, passwordFile: TestCertificates.WriteText(_folder, "wrong"))));

        Assert.That(error!.Message, Does.Contain("cannot be opened").And.Contain("password")
                                        .And.Contain("\"Thespian TLS Certificate Password File\""));
    }

    [Test]
    public void From_CertificateWithoutKey_SaysItNeedsTheKey()
    {
        using var certificate = TestCertificates.Make("keyless");

        var error = Assert.Throws<ActorSystemStartupFailureException>(
            () => TlsSettings.From(Capabilities(TestCertificates.WritePem(_folder, certificate, withKey: false))));

        Assert.That(error!.Message, Does.Contain("private key"));
    }

    [Test]
    public void From_ExpiredCertificate_SaysToRenewIt()
    {
        using var certificate = TestCertificates.Make("old", from: DateTimeOffset.UtcNow.AddDays(-10), until: DateTimeOffset.UtcNow.AddDays(-1));

        var error = Assert.Throws<ActorSystemStartupFailureException>(
            () => TlsSettings.From(Capabilities(TestCertificates.WritePfx(_folder, certificate))));

        Assert.That(error!.Message, Does.Contain("CN=old").And.Contain("not valid now").And.Contain("Renew"));
    }

    [Test]
    public void From_TrustWithoutCertificate_SaysToNameTheCertificate()
    {
        var error = Assert.Throws<ActorSystemStartupFailureException>(() => TlsSettings.From(
            new Dictionary<string, object?> { [CommonCapabilities.ThespianTlsTrust] = new string('A', 64) }));

        Assert.That(error!.Message, Does.Contain("\"Thespian TLS Certificate\" is not"));
    }

    [Test]
    public void From_TrustEntryNeitherFileNorThumbprint_SaysSo()
    {
        using var certificate = TestCertificates.Make("system");

        var error = Assert.Throws<ActorSystemStartupFailureException>(
            () => TlsSettings.From(Capabilities(TestCertificates.WritePfx(_folder, certificate), trust: "no-such-ca.pem")));

        Assert.That(error!.Message, Does.Contain("no-such-ca.pem").And.Contain("neither a thumbprint"));
    }

    [Test]
    public void Trusts_OwnCertificate_PinnedOne_AndOneIssuedByATrustedAuthority()
    {
        using var own = TestCertificates.Make("own");
        using var pinned = TestCertificates.Make("pinned");
        using var authority = TestCertificates.Make("authority", authority: true);
        using var issued = TestCertificates.Make("issued", issuer: authority);
        var trust = $"{TestCertificates.WritePem(_folder, authority, withKey: false)}, " +
                    Convert.ToHexString(SHA256.HashData(pinned.RawData)).ToLowerInvariant();
        var tls = TlsSettings.From(Capabilities(TestCertificates.WritePfx(_folder, own), trust: trust))!;

        Assert.That(tls.Trusts(own, out _), Is.True, "its own certificate");
        Assert.That(tls.Trusts(pinned, out _), Is.True, "a pinned certificate");
        Assert.That(tls.Trusts(issued, out var reason), Is.True, $"a certificate the trusted authority issued ({reason})");
    }

    [Test]
    public void Trusts_StrangerExpiredOrNone_NoWithTheReason()
    {
        using var own = TestCertificates.Make("own");
        using var stranger = TestCertificates.Make("stranger");
        using var expired = TestCertificates.Make("expired", from: DateTimeOffset.UtcNow.AddDays(-9), until: DateTimeOffset.UtcNow.AddDays(-2));
        var tls = new TlsCredentials(own, [], [expired.GetCertHashString(HashAlgorithmName.SHA256)]);

        Assert.That(tls.Trusts(stranger, out var strangerReason), Is.False);
        Assert.That(strangerReason, Does.Contain("CN=stranger").And.Contain("not trusted").And.Contain("\"Thespian TLS Trust\""));
        Assert.That(tls.Trusts(expired, out var expiredReason), Is.False, "even pinned, an expired certificate");
        Assert.That(expiredReason, Does.Contain("not valid now"));
        Assert.That(tls.Trusts(null, out var noneReason), Is.False);
        Assert.That(noneReason, Does.Contain("presented no certificate"));
    }

    [Test]
    public void HandDownThenTakeInherited_SameCertificateKeyAndTrust_AndTheVariableIsGone()
    {
        using var own = TestCertificates.Make("own");
        using var authority = TestCertificates.Make("authority", authority: true);
        var tls = new TlsCredentials(own, [authority], [new string('B', 64)]);
        var environment = new Dictionary<string, string?>();

        TlsSettings.HandDown(environment, tls);
        Environment.SetEnvironmentVariable(TlsSettings.InheritedVariable, environment[TlsSettings.InheritedVariable]);
        var inherited = TlsSettings.TakeInherited()!;

        Assert.That(Environment.GetEnvironmentVariable(TlsSettings.InheritedVariable), Is.Null, "removed at once");
        Assert.That(inherited.Certificate.Thumbprint, Is.EqualTo(own.Thumbprint));
        Assert.That(inherited.Certificate.HasPrivateKey, Is.True);
        Assert.That(inherited.Authorities.Select(a => a.Thumbprint), Is.EqualTo(new[] { authority.Thumbprint }));
        Assert.That(inherited.Pinned, Is.EqualTo(new[] { new string('B', 64) }));
        TlsSettings.HandDown(environment, null);
        Assert.That(environment, Does.Not.ContainKey(TlsSettings.InheritedVariable));
    }

    private static Dictionary<string, object?> Capabilities(string certificate, string? passwordFile = null, string? trust = null)
    {
        var capabilities = new Dictionary<string, object?> { [CommonCapabilities.ThespianTlsCertificate] = certificate };
        if (passwordFile is not null)
        {
            capabilities[CommonCapabilities.ThespianTlsCertificatePasswordFile] = passwordFile;
        }

        if (trust is not null)
        {
            capabilities[CommonCapabilities.ThespianTlsTrust] = trust;
        }

        return capabilities;
    }
}
