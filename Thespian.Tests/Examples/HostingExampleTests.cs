using System.Globalization;
using System.Text.RegularExpressions;
using Thespian.Tests.Packaging;

namespace Thespian.Tests.Examples;

/// <summary>
/// The hosting examples run as a user runs them, from the output the solution build put beside them: the minimal API
/// answers its own HTTP request from an actor (in an actor process of its own on the multiproc bases), and the
/// Generic Host console app greets through a DI-constructed actor, and the observability example exports its trace and
/// metrics with OpenTelemetry and reports the system healthy. Each run uses a free admin port and leaves no
/// process behind.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HostingExampleTests
{
    [TestCaseSource(typeof(TestBases), nameof(TestBases.All))]
    public void MinimalApi_SelfTest_TheEndpointAnswersFromTheActor(string systemBase)
    {
        var run = RunExample("MinimalApi", systemBase, $"--Urls=http://127.0.0.1:{MultiprocSupport.FreePort()}", "--self-test");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("GET /greet/Ada -> {\"text\":\"Hello, Ada!\"").And.Contain($"Thespian {systemBase} has been shut down"),
                    run.ToString());
        var match = Regex.Match(run.Output, @"""actorProcessId"":(?<actor>\d+)\} \(this server is process (?<server>\d+)\)");
        Assert.That(match.Success, Is.True, run.ToString());
        var (actor, server) = (match.Groups["actor"].Value, match.Groups["server"].Value);
        Assert.That(actor == server, Is.EqualTo(systemBase == SystemBaseNames.Simple),
                    "the greeter runs in the server's process on simpleSystemBase and in its own on the multiproc bases");
    }

    [TestCaseSource(typeof(TestBases), nameof(TestBases.All))]
    public void HostedActors_Run_GreetsThroughTheInjectedSystemAndStops(string systemBase)
    {
        var run = RunExample("HostedActors", systemBase);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("Hello, Ada!").And.Contain("Hello, Linus!"), run.ToString());
    }

    [TestCaseSource(typeof(TestBases), nameof(TestBases.All))]
    public void Observability_Run_ExportsTheAsksTraceAndIsHealthy(string systemBase)
    {
        var run = RunExample("Observability", systemBase);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("Hello, Grace!").And.Contain("health: Healthy").And.Contain("thespian.ask")
                                    .And.Contain("thespian.messages.sent"), run.ToString());
    }

    private static Packaging.CommandResult RunExample(string name, string systemBase, params string[] extraArguments)
    {
        var program = ExampleOutput(name);
        var folder = Path.GetDirectoryName(program)!;
        var port = MultiprocSupport.FreePort().ToString(CultureInfo.InvariantCulture);
        try
        {
            return DotnetCli.Dotnet(folder, new Dictionary<string, string?>(),
                                    [program, $"--Thespian:SystemBase={systemBase}", $"--Thespian:Capabilities:Admin Port={port}", .. extraArguments]);
        }
        finally
        {
            MultiprocSupport.AssertAllExited(LeftoverProcesses.Under(folder));
            File.Delete(Path.Combine(Path.GetTempPath(), $"thespian-{port}.log"));
        }
    }

    /// <summary>The example's program in the output of the same configuration as these tests (the solution builds both).</summary>
    private static string ExampleOutput(string name)
    {
        var testOutput = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var program = Path.Combine(LocalPackages.RepositoryRoot(), "examples", name, "bin", configuration, framework, name + ".dll");
        Assert.That(File.Exists(program), Is.True,
                    $"{program} is not built: run the tests with `dotnet test` from the repository root, which builds the examples too.");
        return program;
    }
}
