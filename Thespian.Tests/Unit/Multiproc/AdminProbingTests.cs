using System.Net;
using System.Net.Sockets;
using Thespian.Bases.MultiprocTcp;
using Thespian.Multiproc;

namespace Thespian.Tests.Unit.Multiproc;

/// <summary>
/// Something that accepts on the admin port but answers late (a busy admin, or one behind a lossy link, where a lost
/// segment costs a TCP retransmission of seconds) is probed again, not judged at once to be something other than an
/// admin; what never answers is judged so once the patience runs out, with a message that says so.
/// </summary>
[CancelAfter(60_000)]
public sealed class AdminProbingTests
{
    /// <summary>Answers each probe with the next result of a script (the last one from then on), counting the probes.</summary>
    private sealed class ScriptedProbe(params AdminProbeResult[] script) : IAdminProbe
    {
        public int Probes { get; private set; }

        public Task<(AdminProbeResult Result, string Detail)> ProbeAsync(string endpoint, CancellationToken cancellationToken)
        {
            var result = script[Math.Min(Probes, script.Length - 1)];
            Probes++;
            return Task.FromResult((result, result == AdminProbeResult.Unresponsive ? "The answer did not arrive." : result.ToString()));
        }
    }

    [Test]
    public async Task TcpProbe_AListenerThatAcceptsAndNeverAnswers_IsUnresponsive()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        var (result, detail) = await new TcpAdminProbe(secret: null).ProbeAsync(endpoint, CancellationToken.None);

        Assert.That(result, Is.EqualTo(AdminProbeResult.Unresponsive));
        Assert.That(detail, Does.Contain("did not arrive within"));
    }

    [Test]
    public async Task ProbePatiently_AnAdminThatAnswersLate_IsJoined()
    {
        var probe = new ScriptedProbe(AdminProbeResult.Unresponsive, AdminProbeResult.Unresponsive, AdminProbeResult.ThespianAdmin);

        var (result, _) = await probe.ProbePatientlyAsync("127.0.0.1:1", CancellationToken.None, TimeSpan.FromMinutes(1));

        Assert.That(result, Is.EqualTo(AdminProbeResult.ThespianAdmin));
        Assert.That(probe.Probes, Is.EqualTo(3));
    }

    [Test]
    public async Task ProbePatiently_NeverAnswers_IsSomethingElseSayingHowLongItWasProbed()
    {
        var probe = new ScriptedProbe(AdminProbeResult.Unresponsive);

        var (result, detail) = await probe.ProbePatientlyAsync("127.0.0.1:1", CancellationToken.None, TimeSpan.Zero);

        Assert.That(result, Is.EqualTo(AdminProbeResult.SomethingElse));
        Assert.That(detail, Does.StartWith("The answer did not arrive.").And.Contain("still had not answered after"));
    }

    [Test]
    public async Task EnsureRunning_AnAdminAnsweringLate_IsJoinedAndNoAdminIsStarted()
    {
        var probe = new ScriptedProbe(AdminProbeResult.Unresponsive, AdminProbeResult.ThespianAdmin);

        var started = await AdminLauncher.EnsureRunningAsync(probe, "127.0.0.1:1", 1, SystemBaseNames.MultiprocTcp,
                                                            capabilities: null, LogDefs.Disabled);

        Assert.That(started, Is.False, "the admin already there was joined");
        Assert.That(probe.Probes, Is.EqualTo(2));
    }
}
