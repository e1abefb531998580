using Microsoft.Extensions.Logging;
using Thespian.Admin.Admin.Convention;
using Thespian.Multiproc;

namespace Thespian.Admin.Admin;

/// <summary>
/// Warnings and above of a member's admin reach the convention leader's log, marked with the member they came from (as
/// Python's log aggregation does). At most <see cref="MaxRelayedPerSecond"/> a second are passed on; undelivered-message
/// warnings stay local (passing on one about the leader would only add another).
/// </summary>
internal sealed partial class AdminServer
{
    private const int MaxRelayedPerSecond = 20;
    private const int UndeliverableEventId = 2011;

    /// <summary>The category of members' records in a leader's log (never passed on again).</summary>
    private const string MemberLogCategory = "Thespian.Convention.Member";
    private readonly PerSecondLimit _relayLimit = new(MaxRelayedPerSecond);

    /// <summary>Starts passing this admin's warnings on (they go wherever the leader is at the time).</summary>
    private void StartLogRelay()
    {
        if (_relay is not null)
        {
            _relay.Sink = record =>
            {
                if (record.EventId.Id != UndeliverableEventId && record.Category != MemberLogCategory)
                {
                    Post(() => RelayToLeader(record.Level, record.Category, record.EventId.Id, record.Message));
                }
            };
        }
    }

    private void RelayToLeader(LogLevel level, string category, int eventId, string message)
    {
        if (LeaderElsewhere is not { } leader)
        {
            return;
        }

        if (_relayLimit.TryTake(Now))
        {
            SendControl(leader, new ConventionLogRecord(SystemAddress, _node.LocalEndpoint, (int)level, category, eventId, message));
        }
    }

    /// <summary>As the leader: a member's record goes into this system's log under <see cref="MemberLogCategory"/>.</summary>
    private void HandleMemberLog(ConventionLogRecord record)
    {
        var level = WireLogLevel.Read(record.Level, LogLevel.Warning);
        _memberLogger.MemberLogged(level < LogLevel.Warning ? LogLevel.Warning : level, record.Endpoint, record.Admin, record.Category, record.Message);
    }
}
