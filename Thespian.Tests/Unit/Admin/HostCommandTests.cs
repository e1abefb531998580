using Thespian.Admin.Admin;
using Thespian.Multiproc;

namespace Thespian.Tests.Unit;

/// <summary>
/// How the admin starts hosts: with an application's deps.json and runtimeconfig when it has a framework-dependent
/// application's files, Thespian's GC defaults only where that runtimeconfig sets nothing, else as Thespian.Admin.
/// </summary>
public sealed class HostCommandTests
{
    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("thespian-hostcommand-");

    [TearDown]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    [Test]
    public void For_AnApplication_StartsDotnetExecWithItsFiles()
    {
        var application = WriteApplication("""{ "runtimeOptions": { "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" } } }""");

        var command = HostCommand.For(application);

        Assert.That(command.Arguments, Is.EqualTo(new[]
        {
            "exec", "--depsfile", application.DepsFile, "--runtimeconfig", application.RuntimeConfigFile,
            typeof(HostCommand).Assembly.Location, "host",
        }));
    }

    [Test]
    public void For_AnApplicationThatSetsTheLohThreshold_KeepsItsValue_AndStillGetsTheGen0Default()
    {
        Assume.That(Environment.GetEnvironmentVariable("DOTNET_GCgen0size"), Is.Null.Or.Empty, "the environment sets it already");
        var application = WriteApplication("""
            { "runtimeOptions": { "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" },
                                  "configProperties": { "System.GC.LOHThreshold": 100000 } } }
            """);

        var command = HostCommand.For(application);

        Assert.That(command.Environment, Is.EqualTo(new[] { ("DOTNET_GCgen0size", "0x100000") }));
    }

    [Test]
    public void For_NoApplication_RunsAsThespianAdminWithTheDefaults()
    {
        Assume.That(Environment.GetEnvironmentVariable("DOTNET_GCLOHThreshold"), Is.Null.Or.Empty, "the environment sets it already");

        var command = HostCommand.For(null);

        Assert.Multiple(() =>
        {
            Assert.That(command.Arguments, Does.Not.Contain("--depsfile"));
            Assert.That(command.Arguments[^1], Is.EqualTo("host"));
            Assert.That(command.Environment, Does.Contain(("DOTNET_GCLOHThreshold", "0x300000")));
        });
    }

    [Test]
    public void TryFrom_ASelfContainedApplication_IsNull()
    {
        var runtimeConfig = Path.Combine(_folder.FullName, "App.runtimeconfig.json");
        File.WriteAllText(runtimeConfig, """{ "runtimeOptions": { "includedFrameworks": [ { "name": "Microsoft.NETCore.App", "version": "10.0.0" } ] } }""");
        File.WriteAllText(Path.Combine(_folder.FullName, "App.deps.json"), "{}");

        Assert.Multiple(() =>
        {
            Assert.That(ApplicationRuntime.TryFrom(Path.Combine(_folder.FullName, "App.deps.json"), runtimeConfig), Is.Null);
            Assert.That(ApplicationRuntime.TryFrom(Path.Combine(_folder.FullName, "Missing.deps.json"), runtimeConfig), Is.Null);
        });
    }

    [Test]
    public void OfThisProcess_UnderTheTestHost_IsTheTestAssemblysFiles()
    {
        var application = ApplicationRuntime.OfThisProcess();

        Assert.That(application, Is.Not.Null);
        Assert.That(Path.GetFileName(application!.DepsFile), Is.EqualTo("Thespian.Tests.deps.json"));
        Assert.That(Path.GetFileName(application.RuntimeConfigFile), Is.EqualTo("Thespian.Tests.runtimeconfig.json"));
    }

    private ApplicationRuntime WriteApplication(string runtimeConfig)
    {
        var deps = Path.Combine(_folder.FullName, "App.deps.json");
        var config = Path.Combine(_folder.FullName, "App.runtimeconfig.json");
        File.WriteAllText(deps, "{}");
        File.WriteAllText(config, runtimeConfig);
        return ApplicationRuntime.TryFrom(deps, config) ?? throw new AssertionException("the application's files were refused");
    }
}
