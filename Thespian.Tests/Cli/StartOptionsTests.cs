namespace Thespian.Tests.Cli;

/// <summary>start's --capability, --convention, --actor-path and --app reach the admin.</summary>
public sealed class StartOptionsTests : CliAdminFixture
{
    [Test]
    public void Capability_Integer_StatusShowsAnInt()
    {
        StartAdmin("--capability", "Lanes=3");

        var status = Run("status", "--port", PortText);

        Assert.That(status.StdOut, Does.Match(@"(?m)^\s+Lanes = 3$"), status.ToString());
    }

    [Test]
    public void Capability_TrueFalseAndText_StatusShowsBoolsAndStrings()
    {
        StartAdmin("--capability", "GPU=true", "--capability", "Disk=False", "--capability", "Colour=dark blue",
                   "--capability", "Count=-7");

        var status = Run("status", "--port", PortText).StdOut;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Does.Match(@"(?m)^\s+GPU = true$"));
            Assert.That(status, Does.Match(@"(?m)^\s+Disk = false$"));
            Assert.That(status, Does.Match(@"(?m)^\s+Colour = ""dark blue""$"));
            Assert.That(status, Does.Match(@"(?m)^\s+Count = -7$"));
        }
    }

    [Test]
    public void Capability_ProcessStartupMethodSpawn_AdminKeepsNoWarmHosts()
    {
        StartAdmin("--capability", "Process Startup Method=spawn");

        var status = Run("status", "--port", PortText).StdOut;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Does.Contain("Process Startup Method = \"spawn\""));
            Assert.That(status, Does.Contain("Host processes:       (none)"));
        }
    }

    [Test]
    public void Convention_HostAndPort_StoredAsConventionAddressCapability()
    {
        StartAdmin("--convention", "10.0.0.5:1900");

        var status = Run("status", "--port", PortText).StdOut;

        Assert.That(status, Does.Contain("Convention Address.IPv4 = \"10.0.0.5:1900\""));
    }

    [Test]
    public void ActorPath_Folders_PassedToTheAdmin()
    {
        Assume.That(OperatingSystem.IsLinux(), "reads the admin's command line from /proc");
        var first = Directory.CreateTempSubdirectory("thespian-cli-");
        var second = Directory.CreateTempSubdirectory("thespian-cli-");
        try
        {
            var adminPid = StartAdmin("--actor-path", first.FullName, "--actor-path", second.FullName);

            var commandLine = File.ReadAllText($"/proc/{adminPid}/cmdline").Split('\0');
            var actorPath = commandLine.Select((word, i) => (word, i)).Where(w => w.word == "--actor-path")
                                       .Select(w => commandLine[w.i + 1].TrimEnd('/')).ToList();

            Assert.That(actorPath, Does.Contain(first.FullName.TrimEnd('/')).And.Contain(second.FullName.TrimEnd('/')));
        }
        finally
        {
            first.Delete();
            second.Delete();
        }
    }

    [Test]
    public void App_TheTestAssembly_HostsRunWithItsSettingsAndDependencies()
    {
        // Without --app, hosts of a system started by the command line run with Thespian.Admin's own files (invariant);
        // with it, with the test assembly's deps.json and runtimeconfig (culture data, Microsoft.Data.Sqlite's native library).
        var testAssembly = typeof(StartOptionsTests).Assembly.Location;
        StartAdmin("--app", testAssembly, "--capability", "Process Startup Method=spawn");
        using var system = new ActorSystem(SystemBase ?? SystemBaseNames.MultiprocTcp,
                                           new Dictionary<string, object?> { [CommonCapabilities.AdminPort] = Port },
                                           LogDefs.Disabled, transientUnique: true);
        var patience = TimeSpan.FromSeconds(30);

        var culture = system.Ask(system.CreateActor<Multiproc.CultureActor>(), "de-DE", patience);
        var query = system.Ask(system.CreateActor<Multiproc.SqliteActor>(), "query", patience);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(culture, Is.EqualTo(Multiproc.CultureFormatting.Format(new System.Globalization.CultureInfo("de-DE"))));
            Assert.That(query, Is.EqualTo(Multiproc.SqliteQuery.Run()));
        }

        ProcessesFromStatus();
    }
}
