using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Thespian.Tests.Packaging;

/// <summary>
/// The packages as a user gets them: packs the repository into a local folder, checks what the packages say
/// (license, readme, repository, symbols, exact Thespian dependencies), then builds and publishes a new console
/// application outside the repository that references only the bases' packages, and runs an actor on each base —
/// in a process of its own on the multiproc bases, with no copy step, environment variable or project reference.
/// Slow-ish (packing and building take about two minutes) and CPU-bound, so it runs alone.
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public sealed class PackageConsumerTests
{
    private static readonly string[] LibraryPackages =
    [
        "Thespian.Core", "Thespian.Sockets", "Thespian.Admin", "Thespian.Bases.Simple",
        "Thespian.Bases.MultiprocTcp", "Thespian.Bases.MultiprocUdp", "Thespian.Hosting",
    ];

    private string _root = "";
    private LocalPackages _packages = null!;
    private ConsumerApp _app = null!;

    [OneTimeSetUp]
    public void PackAndCreateApplication()
    {
        _root = Path.Combine(Path.GetTempPath(), $"thespian-packages-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        _packages = LocalPackages.Pack(LocalPackages.RepositoryRoot(), _root);
        _app = ConsumerApp.Create(_root, _packages);
    }

    [OneTimeTearDown]
    public void RemoveFolder()
    {
        if (_root.Length > 0 && Directory.Exists(_root))
        {
            MultiprocSupport.AssertAllExited(LeftoverProcesses.Under(_root));
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public void Packages_EachLibrary_HasLicenseReadmeRepositoryAndSymbols()
    {
        foreach (var id in LibraryPackages.Append("Thespian.Admin.Tool"))
        {
            var metadata = Nuspec(id);
            Assert.Multiple(() =>
            {
                Assert.That(Element(metadata, "license")?.Value, Is.EqualTo("MIT"), id);
                Assert.That(Element(metadata, "license")?.Attribute("type")?.Value, Is.EqualTo("expression"), id);
                Assert.That(Element(metadata, "readme")?.Value, Is.EqualTo("README.md"), id);
                Assert.That(Element(metadata, "repository")?.Attribute("url")?.Value, Does.StartWith("https://"), id);
                Assert.That(Entries(id), Does.Contain("README.md").And.Contain("LICENSE").And.Contain("NOTICE"), id);
                Assert.That(File.Exists(_packages.PathOf(id, ".snupkg")), Is.True, $"{id}: no symbol package");
            });
        }
    }

    [Test]
    public void Packages_ThespianDependencies_AreExactlyTheVersionBuiltWith()
    {
        var exact = $"[{_packages.Version}]";
        foreach (var id in LibraryPackages)
        {
            var thespian = Element(Nuspec(id), "dependencies")!.Descendants()
                .Where(e => e.Name.LocalName == "dependency" && e.Attribute("id")!.Value.StartsWith("Thespian.", StringComparison.Ordinal))
                .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);
            Assert.That(thespian.Values, Is.All.EqualTo(exact), $"{id}: {string.Join(", ", thespian)}");
            if (id.StartsWith("Thespian.Bases.", StringComparison.Ordinal) || id is "Thespian.Sockets" or "Thespian.Admin")
            {
                Assert.That(thespian, Does.ContainKey("Thespian.Core"), id);
            }
        }

        // The multiproc bases bring the admin and host program with them.
        foreach (var id in new[] { "Thespian.Bases.MultiprocTcp", "Thespian.Bases.MultiprocUdp" })
        {
            var admin = Element(Nuspec(id), "dependencies")!.Descendants()
                .Single(e => e.Name.LocalName == "dependency" && e.Attribute("id")!.Value == "Thespian.Admin");
            Assert.That(admin.Attribute("exclude"), Is.Null, $"{id}: Thespian.Admin's buildTransitive targets must reach the application");
        }
    }

    [Test]
    public void Packages_AdminTool_InstallsTheThespianAdminCommand()
    {
        var settings = XDocument.Parse(EntryText("Thespian.Admin.Tool", "tools/net10.0/any/DotnetToolSettings.xml"));
        var command = settings.Descendants("Command").Single();
        Assert.That(command.Attribute("Name")?.Value, Is.EqualTo("thespian-admin"));
        Assert.That(Entries("Thespian.Admin.Tool"), Does.Contain("tools/net10.0/any/Thespian.Admin.runtimeconfig.json"));
    }

    [Test]
    public void AdminTool_DotnetToolInstall_RunsAsThespianAdmin()
    {
        var tools = Path.Combine(_root, "tools");
        _app.Dotnet("tool", "install", "Thespian.Admin.Tool", "--version", _packages.Version, "--tool-path", tools,
                    "--add-source", _packages.Feed);
        var help = DotnetCli.Run(Path.Combine(tools, "thespian-admin"), _root, _app.Environment, "--help");
        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Output, Does.Contain("Manages the admin of a Thespian for .NET multiproc actor system"));

        // The installed tool starts an admin (the program beside it, with its runtimeconfig) and stops it again.
        var port = MultiprocSupport.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var start = DotnetCli.Run(Path.Combine(tools, "thespian-admin"), _root, _app.Environment, "start", "--port", port);
            Assert.That(start.ExitCode, Is.Zero, start.ToString());
            var stop = DotnetCli.Run(Path.Combine(tools, "thespian-admin"), _root, _app.Environment, "stop", "--port", port);
            Assert.That(stop.ExitCode, Is.Zero, stop.ToString());
            MultiprocSupport.AssertAllExited(LeftoverProcesses.Under(_root));
        }
        finally
        {
            File.Delete(Path.Combine(Path.GetTempPath(), $"thespian-{port}.log"));
        }
    }

    [TestCase(SystemBaseNames.Simple)]
    [TestCase(SystemBaseNames.MultiprocTcp)]
    [TestCase(SystemBaseNames.MultiprocUdp)]
    public void DotnetRun_ActorAnswers_InItsOwnProcessOnMultiprocBases(string systemBase)
    {
        BuildOnce();
        var run = DotnetCli.Dotnet(_app.Folder, _app.Environment, ["run", "--no-build", "-c", "Release", "--", .. ArgumentsFor(systemBase)]);
        AssertAnswered(systemBase, run);
    }

    [TestCase(SystemBaseNames.MultiprocTcp)]
    [TestCase(SystemBaseNames.MultiprocUdp)]
    public void SelfContainedReadyToRunPublish_ActorAnswers_WithNoDotnetOnThePath(string systemBase)
    {
        var published = PublishSelfContainedOnce();
        // No dotnet installation reachable: only a shell and setsid (with which the admin is started detached).
        var noDotnet = Path.Combine(_root, "no-dotnet-path");
        if (!Directory.Exists(noDotnet))
        {
            Directory.CreateDirectory(noDotnet);
            foreach (var tool in new[] { "/bin/sh", "/usr/bin/setsid" })
            {
                File.CreateSymbolicLink(Path.Combine(noDotnet, Path.GetFileName(tool)), ResolveLinks(tool));
            }
        }

        var environment = new Dictionary<string, string?> { ["PATH"] = noDotnet, ["DOTNET_ROOT"] = null };
        var run = DotnetCli.Run(Path.Combine(published, "PackageApp"), _root, environment, ArgumentsFor(systemBase));
        AssertAnswered(systemBase, run);
    }

    private bool _built;
    private string? _selfContained;

    private void BuildOnce()
    {
        if (!_built)
        {
            _app.Dotnet("build", "-c", "Release");
            _built = true;
        }
    }

    private string PublishSelfContainedOnce()
    {
        if (_selfContained is null)
        {
            var output = Path.Combine(_root, "published-self-contained");
            _app.Dotnet("publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained",
                        "-p:PublishReadyToRun=true", "-o", output);
            Assert.That(File.Exists(Path.Combine(output, "Thespian.Admin")), Is.True, "no Thespian.Admin executable published");
            _selfContained = output;
        }

        return _selfContained;
    }

    private string[] ArgumentsFor(string systemBase) => systemBase == SystemBaseNames.Simple
        ? [systemBase]
        : [systemBase, MultiprocSupport.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
           Path.Combine(_root, "thespian.log")];

    private void AssertAnswered(string systemBase, CommandResult run)
    {
        var (application, actor) = ConsumerApp.ProcessesIn(run);
        if (systemBase == SystemBaseNames.Simple)
        {
            Assert.That(actor, Is.EqualTo(application), run.ToString());
        }
        else
        {
            Assert.That(actor, Is.Not.EqualTo(application), "the actor should run in a process of its own:\n" + run);
        }

        MultiprocSupport.AssertAllExited(LeftoverProcesses.Under(_root).Append(actor));
    }

    private static string ResolveLinks(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private XElement Nuspec(string id) => XDocument.Parse(EntryText(id, $"{id}.nuspec")).Root!.Elements().First();

    private static XElement? Element(XElement metadata, string name) =>
        metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private List<string> Entries(string id)
    {
        using var zip = ZipFile.OpenRead(_packages.PathOf(id));
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private string EntryText(string id, string entry)
    {
        using var zip = ZipFile.OpenRead(_packages.PathOf(id));
        var found = zip.GetEntry(entry) ?? throw new AssertionException($"{id} has no {entry}");
        using var reader = new StreamReader(found.Open());
        return reader.ReadToEnd();
    }
}
