using Thespian.Admin.Cli;

namespace Thespian.Tests.Cli;

/// <summary>
/// <c>thespian-admin</c> with <c>--secret-file</c>: a system started with it answers status and stop given the same file;
/// without it the verbs fail with a message that names the option; the secret never appears in the output.
/// </summary>
public sealed class SecretFileTests : CliAdminFixture
{
    private const string SecretText = "cli-s3cret-4b1e";

    [Test]
    public void StartStatusStop_WithSecretFile_WorkAndWithoutItRefused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "thespian-cli-secret", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var secretFile = Path.Combine(folder, "secret");
        File.WriteAllText(secretFile, SecretText + "\n");
        var stopped = false;
        try
        {
            StartAdmin("--secret-file", secretFile);

            var status = Run("status", "--port", PortText, "--secret-file", secretFile);
            Assert.That(status.ExitCode, Is.Zero, status.ToString());
            Assert.That(status.StdOut + status.StdErr, Does.Not.Contain(SecretText));

            var refused = Run("status", "--port", PortText);
            Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.Failure), refused.ToString());
            Assert.That(refused.StdErr, Does.Contain("--secret-file").And.Contain("secret"));

            var stop = Run("stop", "--port", PortText, "--secret-file", secretFile);
            Assert.That(stop.ExitCode, Is.Zero, stop.ToString());
            stopped = true;
        }
        finally
        {
            if (!stopped)
            {
                Run("stop", "--port", PortText, "--secret-file", secretFile);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Status_MissingSecretFile_BadArgumentsNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"thespian-no-such-secret-{Guid.NewGuid():N}");

        var result = Run("status", "--port", PortText, "--secret-file", missing);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StdErr, Does.Contain(missing));
    }
}
