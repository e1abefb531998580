using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Thespian.Tests.Behaviour;
using Thespian.Wire;

namespace Thespian.Tests.Multiproc.Tls;

/// <summary>
/// A multiprocTCPBase system with TLS, end to end with real processes: an actor in its own process answers an Ask (with
/// the secret inside TLS too); the certificate's password never shows in status, the log or a command line; a raw plain
/// connection to the admin is answered that TLS is required, refused and logged; an application without TLS, or with a
/// certificate the system does not trust, cannot join (a clear exception, and the admin logs the refusal); an application
/// with TLS fails clearly against a system without it. Every process is gone after shutdown (the fixture checks).
/// </summary>
public sealed class TlsSystemTests : MultiprocFixture
{
    private const string Password = "pfx-pa55-do-not-log";

    [Test]
    public void TlsAndSecret_CreateActorInItsOwnProcessAndAsk_Answers()
    {
        var capabilities = TlsCapabilities(TestCertificates.Make("system"));
        var secretFile = TestCertificates.WriteText(WorkFolder, "and a secret inside TLS");
        capabilities[CommonCapabilities.ThespianSecretFile] = secretFile;
        var system = StartSystem(capabilities);

        var echo = system.CreateActor<EchoActor>();

        Assert.That(system.Ask(echo, "through TLS", Patience), Is.EqualTo("through TLS"));
        Assert.That(PidOf(system, system.CreateActor<PidActor>()), Is.Not.EqualTo(Environment.ProcessId), "the actor has a process of its own");
    }

    [Test]
    public void PasswordCapability_StatusLogAndCommandLines_NeverShowIt()
    {
        using var certificate = TestCertificates.Make("system");
        var system = StartSystem(new Dictionary<string, object?>
        {
            [CommonCapabilities.ThespianTlsCertificate] = TestCertificates.WritePfx(WorkFolder, certificate, Password),
            [CommonCapabilities.ThespianTlsCertificatePassword] = Password,
        });
        var echo = system.CreateActor<EchoActor>();
        Assert.That(system.Ask(echo, "hello", Patience), Is.EqualTo("hello"));

        AssertNeverShown(system, CommonCapabilities.ThespianTlsCertificatePassword, Password);
    }

    [Test]
    public void RawPlainConnectionToTheAdmin_AnsweredTlsRequired_RefusedAndLogged()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port, TlsCapabilities(TestCertificates.Make("system")));

        using var connection = RawConnection.Open($"127.0.0.1:{port}");
        var answer = connection.Greet(role: WireRole.Client);

        Assert.That(RawConnection.StatusOf(answer), Is.EqualTo((byte)HandshakeStatus.TlsRequired));
        connection.Send(new byte[] { 16, 0, 0, 0 });
        Assert.That(connection.ExpectClosedByServer(), Is.Empty, "nothing more is answered, and the connection is closed");
        WaitForLogLine("the refused plain connection", " WARN ", $"Refused input from {connection.LocalEndpoint}", "without TLS",
                       "\"Thespian TLS Certificate\"");
        Assert.That(system.Ask(system.CreateActor<EchoActor>(), "unharmed", Patience), Is.EqualTo("unharmed"));
    }

    [Test]
    public void ApplicationWithoutTls_CannotJoin_ClearException()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port, TlsCapabilities(TestCertificates.Make("system")));
        var echo = system.CreateActor<EchoActor>();

        var error = Assert.Throws<ActorSystemStartupFailureException>(() => JoinSystem(port));

        Assert.That(error!.Message, Does.Contain("runs TLS, and this process has none").And.Contain("\"Thespian TLS Certificate\""));
        Assert.That(system.Ask(echo, "still here", Patience), Is.EqualTo("still here"));
        WaitForLogLine("the refused plain application", " WARN ", "Refused input from", "without TLS");
    }

    [Test]
    public void ApplicationWithAnUntrustedCertificate_RefusedByTheAdmin_AndLogged()
    {
        var port = FreeAdminPort();
        using var systemCertificate = TestCertificates.Make("system");
        var system = JoinSystem(port, TlsCapabilities(systemCertificate));
        var echo = system.CreateActor<EchoActor>();
        // The stranger trusts the system's certificate (pinned); the system does not trust the stranger's.
        var stranger = TlsCapabilities(TestCertificates.Make("stranger"));
        stranger[CommonCapabilities.ThespianTlsTrust] = systemCertificate.GetCertHashString(HashAlgorithmName.SHA256);

        var error = Assert.Throws<ActorSystemStartupFailureException>(() => JoinSystem(port, stranger));

        Assert.That(error!.Message, Does.Contain("does not trust this process's certificate").And.Contain("CN=stranger"));
        WaitForLogLine("the refused certificate", " WARN ", "Refused input from", "refused over TLS", "CN=stranger", "not trusted");
        Assert.That(system.Ask(echo, "still here", Patience), Is.EqualTo("still here"));
    }

    [Test]
    public void ApplicationThatDoesNotTrustTheSystem_RefusesIt_ClearException()
    {
        var port = FreeAdminPort();
        JoinSystem(port, TlsCapabilities(TestCertificates.Make("system")));

        var error = Assert.Throws<ActorSystemStartupFailureException>(() => JoinSystem(port, TlsCapabilities(TestCertificates.Make("stranger"))));

        Assert.That(error!.Message, Does.Contain("is not trusted over TLS").And.Contain("CN=system").And.Contain("\"Thespian TLS Trust\""));
    }

    [Test]
    public void ApplicationWithTls_SystemWithout_ClearExceptionNotAHang()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port);
        var echo = system.CreateActor<EchoActor>();

        var error = Assert.Throws<ActorSystemStartupFailureException>(() => JoinSystem(port, TlsCapabilities(TestCertificates.Make("system"))));

        Assert.That(error!.Message, Does.Contain("TLS handshake").And.Contain("runs no TLS"));
        WaitForLogLine("the refused TLS application", " WARN ", "Refused input from", "began a TLS handshake, but this system has no TLS");
        Assert.That(system.Ask(echo, "still here", Patience), Is.EqualTo("still here"));
    }

    /// <summary>The certificate in a PKCS#12 file with a password, the password in a file.</summary>
    private Dictionary<string, object?> TlsCapabilities(X509Certificate2 certificate) => new()
    {
        [CommonCapabilities.ThespianTlsCertificate] = TestCertificates.WritePfx(WorkFolder, certificate, Password),
        [CommonCapabilities.ThespianTlsCertificatePasswordFile] = TestCertificates.WriteText(WorkFolder, Password),
    };
}
