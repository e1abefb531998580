using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thespian.Hosting;

namespace Thespian.Tests.Hosting;

/// <summary>
/// ThespianOptions from an appsettings-style "Thespian" section: capability text becomes the type Thespian reads, and a
/// value (or a setting) that cannot be used stops the host's start with an error that names it.
/// </summary>
public sealed class HostingConfigurationTests
{
    private static ThespianOptions OptionsFrom(string json)
    {
        using var host = TestHosts.Build(json);
        return host.Services.GetRequiredService<IOptions<ThespianOptions>>().Value;
    }

    private static async Task<Exception> StartFails(string json)
    {
        using var host = TestHosts.Build(json);
        try
        {
            await host.StartAsync();
        }
        catch (Exception ex)
        {
            return ex;
        }

        await host.StopAsync();
        Assert.Fail("The host started.");
        throw new InvalidOperationException("unreachable");
    }

    [Test]
    public void Capabilities_MaxMessageSizeAsText_BecomesAnInt()
    {
        var options = OptionsFrom("""{ "Thespian": { "Capabilities": { "Max Message Size": "1000" } } }""");

        Assert.That(options.Capabilities["Max Message Size"], Is.EqualTo(1000).And.TypeOf<int>());
    }

    [Test]
    public void Capabilities_JsonNumberAndBooleans_BecomeIntAndBool()
    {
        var options = OptionsFrom("""
            { "Thespian": { "Capabilities": { "Admin Port": 1950, "Outbound Only": "false", "Admin Routing": true } } }
            """);

        Assert.That(options.Capabilities[CommonCapabilities.AdminPort], Is.EqualTo(1950).And.TypeOf<int>());
        Assert.That(options.Capabilities[CommonCapabilities.OutboundOnly], Is.EqualTo(false).And.TypeOf<bool>());
        Assert.That(options.Capabilities[CommonCapabilities.AdminRouting], Is.EqualTo(true).And.TypeOf<bool>());
    }

    [Test]
    public void Capabilities_ConventionLeadersAsAList_BecomeAStringArrayInOrder()
    {
        var options = OptionsFrom("""
            { "Thespian": { "Capabilities": { "Convention Address.IPv4": [ "10.0.0.5:1900", "10.0.0.6:1900" ] } } }
            """);

        Assert.That(options.Capabilities[CommonCapabilities.ConventionAddressIPv4],
                    Is.EqualTo(new[] { "10.0.0.5:1900", "10.0.0.6:1900" }).And.TypeOf<string[]>());
    }

    [Test]
    public void Capabilities_SecondsAndChoices_BecomeDoubleAndCanonicalText()
    {
        var options = OptionsFrom("""
            { "Thespian": { "Capabilities": { "UDP Peer Timeout Seconds": "2.5", "Convention Registration Period": "0:30",
                                              "AllowRemoteActorSources": "leaderonly", "Process Startup Method": "spawn" } } }
            """);

        Assert.That(options.Capabilities["UDP Peer Timeout Seconds"], Is.EqualTo(2.5).And.TypeOf<double>());
        Assert.That(options.Capabilities[CommonCapabilities.ConventionRegistrationPeriod], Is.EqualTo("0:30"));
        Assert.That(options.Capabilities[CommonCapabilities.AllowRemoteActorSources], Is.EqualTo("LeaderOnly"));
        Assert.That(options.Capabilities[CommonCapabilities.ProcessStartupMethod], Is.EqualTo("spawn"));
    }

    [Test]
    public void Capabilities_ApplicationCapabilities_FollowTheCommandLineTyping()
    {
        var options = OptionsFrom("""
            { "Thespian": { "Capabilities": { "Cores": "4", "Has GPU": "true", "Color": "Green", "Zones": [ "a", "b" ] } } }
            """);

        Assert.That(options.Capabilities["Cores"], Is.EqualTo(4).And.TypeOf<int>());
        Assert.That(options.Capabilities["Has GPU"], Is.EqualTo(true).And.TypeOf<bool>());
        Assert.That(options.Capabilities["Color"], Is.EqualTo("Green"));
        Assert.That(options.Capabilities["Zones"], Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Settings_BaseLogAndFlags_AreBound()
    {
        var options = OptionsFrom("""
            { "Thespian": { "SystemBase": "multiprocTCPBase", "ShutdownOnStop": false, "TransientUnique": "true",
                            "Log": { "FilePath": "/tmp/t.log", "MinimumLevel": "Debug", "UseApplicationLogging": false } } }
            """);

        Assert.That(options.SystemBase, Is.EqualTo(SystemBaseNames.MultiprocTcp));
        Assert.That(options.ShutdownOnStop, Is.False);
        Assert.That(options.TransientUnique, Is.True);
        Assert.That(options.Log.ToLogDefs(), Is.EqualTo(new LogDefs { FilePath = "/tmp/t.log", MinimumLevel = LogLevel.Debug }));
    }

    [Test]
    public void Capabilities_CodeSettingsAfterConfiguration_WinAndPassTypedValuesUnchanged()
    {
        using var host = TestHosts.Build("""{ "Thespian": { "Capabilities": { "Max Message Size": "1000" } } }""",
                                         configure: options => options.Capabilities["Max Message Size"] = 5000);

        var options = host.Services.GetRequiredService<IOptions<ThespianOptions>>().Value;

        Assert.That(options.Capabilities["Max Message Size"], Is.EqualTo(5000));
    }

    [Test]
    public async Task StartAsync_MaxMessageSizeThatIsNotANumber_FailsNamingTheCapabilityAndTheType()
    {
        var ex = await StartFails("""{ "Thespian": { "TransientUnique": true, "Capabilities": { "Max Message Size": "big" } } }""");

        Assert.That(ex, Is.InstanceOf<OptionsValidationException>());
        Assert.That(ex.Message, Does.Contain("\"Max Message Size\"").And.Contain("int").And.Contain("\"big\""));
    }

    [Test]
    public async Task StartAsync_SeveralBadValues_ReportsEveryOne()
    {
        var ex = await StartFails("""
            { "Thespian": { "TransientUnique": true,
                            "Capabilities": { "Admin Port": "70000", "Outbound Only": "sometimes", "Process Startup Method": "fork" } } }
            """);

        var failures = ((OptionsValidationException)ex).Failures.ToList();
        Assert.That(failures, Has.Count.EqualTo(3));
        Assert.That(ex.Message, Does.Contain("\"Admin Port\"").And.Contain("\"Outbound Only\"").And.Contain("\"Process Startup Method\""));
    }

    [Test]
    public async Task StartAsync_ReadOnlyCapability_FailsNamingIt()
    {
        var ex = await StartFails("""{ "Thespian": { "TransientUnique": true, "Capabilities": { "Thespian Version": "9" } } }""");

        Assert.That(ex.Message, Does.Contain("\"Thespian Version\"").And.Contain("read-only"));
    }

    [Test]
    public async Task StartAsync_MisspeltSetting_FailsNamingIt()
    {
        var ex = await StartFails("""{ "Thespian": { "SystemBse": "multiprocTCPBase" } }""");

        Assert.That(ex, Is.InstanceOf<InvalidOperationException>());
        Assert.That(ex.Message, Does.Contain("\"SystemBse\""));
    }

    [Test]
    public async Task StartAsync_UnknownBase_FailsListingTheKnownOnes()
    {
        var ex = await StartFails("""{ "Thespian": { "SystemBase": "nonsenseBase", "TransientUnique": true } }""");

        Assert.That(ex, Is.InstanceOf<ArgumentException>());
        Assert.That(ex.Message, Does.Contain(SystemBaseNames.Simple));
    }
}
