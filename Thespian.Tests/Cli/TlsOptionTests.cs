using Thespian.Admin.Cli;
using Thespian.Tests.Multiproc.Tls;

namespace Thespian.Tests.Cli;

/// <summary>
/// <c>thespian-admin</c> with the TLS options: a system started with <c>--tls-certificate</c> and
/// <c>--tls-password-file</c> answers status and stop given the same options; without them the verbs fail with a message
/// that names the option; the password never appears in the output; a wrong password is a bad argument that says so.
/// </summary>
public sealed class TlsOptionTests : CliAdminFixture
{
    private const string Password = "cli-pfx-pa55-9d2c";

    [Test]
    public void StartStatusStop_WithTlsOptions_WorkAndWithoutThemRefused()
    {
        var folder = NewFolder();
        using var certificate = TestCertificates.Make("cli system");
        string[] tls = ["--tls-certificate", TestCertificates.WritePfx(folder, certificate, Password),
                        "--tls-password-file", TestCertificates.WriteText(folder, Password)];
        var stopped = false;
        try
        {
            StartAdmin(tls);

            var status = Run(["status", "--port", PortText, .. tls]);
            Assert.That(status.ExitCode, Is.Zero, status.ToString());
            Assert.That(status.StdOut + status.StdErr, Does.Not.Contain(Password));

            var refused = Run("status", "--port", PortText);
            Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.Failure), refused.ToString());
            Assert.That(refused.StdErr, Does.Contain("--tls-certificate").And.Contain("TLS"));

            var stop = Run(["stop", "--port", PortText, .. tls]);
            Assert.That(stop.ExitCode, Is.Zero, stop.ToString());
            stopped = true;
        }
        finally
        {
            if (!stopped)
            {
                Run(["stop", "--port", PortText, .. tls]);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Status_WrongPassword_BadArgumentsSayingWhatToSet()
    {
        var folder = NewFolder();
        try
        {
            using var certificate = TestCertificates.Make("cli system");
            var result = Run("status", "--port", PortText, "--tls-certificate", TestCertificates.WritePfx(folder, certificate, Password),
                             "--tls-password-file", TestCertificates.WriteText(folder, "not the password"));

            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.StdErr, Does.Contain("cannot be opened").And.Contain("Password File"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "thespian-cli-tls", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
