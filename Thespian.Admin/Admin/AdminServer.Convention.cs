using Thespian.Admin.Admin.Convention;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Admin.Admin;

/// <summary>
/// Membership of a convention: this admin checks in with each listed (or inviting) leader every period, answers the
/// check-ins of those who check in with it (which makes it a leader), pushes its table to its members the moment it
/// changes, and keeps the view registered actors are told about. Losses are noticed from missed check-ins and from
/// failed connections both. Everything here runs on the admin's loop.
/// </summary>
internal sealed partial class AdminServer
{
    private readonly LeaderLinks _leaders = new();
    private readonly LeaderTable _leaderTable = new(Environment.TickCount64);
    private ConventionSettings _conventionSettings = new([], ConventionSettings.DefaultPeriod, ConventionSettings.DefaultMissMax);
    private ConventionView _view = ConventionView.None;
    private Timer? _conventionTimer;

    private static long Now => Environment.TickCount64;

    private ConventionMemberInfo SelfInfo => new(SystemAddress, _node.LocalEndpoint, _capabilities.Snapshot);

    /// <summary>Reads the convention settings and starts checking in (at once, then every period).</summary>
    private void StartConvention()
    {
        ApplyConventionSettings();
        _conventionTimer = new Timer(_ => Post(ConventionTick), null, TimeSpan.Zero, _conventionSettings.Period);
    }

    /// <summary>Re-reads the settings after a capability change; a changed period restarts the timer.</summary>
    private void ApplyConventionSettings()
    {
        var before = _conventionSettings;
        try
        {
            _conventionSettings = ConventionSettings.From(_capabilities.Snapshot);
        }
        catch (ArgumentException ex)
        {
            _logger.SettingsRefused(ex.Message);
            _conventionSettings = before with { Leaders = [] };
        }

        _leaders.SetListed(_conventionSettings.Leaders);
        if (_conventionTimer is not null && before.Period != _conventionSettings.Period)
        {
            _conventionTimer.Change(TimeSpan.Zero, _conventionSettings.Period);
        }
    }

    /// <summary>Every period: drop silent members and leaders, then check in with the leaders.</summary>
    private void ConventionTick()
    {
        if (_shuttingDown)
        {
            return;
        }

        var now = Now;
        var silentMembers = _leaderTable.RemoveSilent(now);
        foreach (var member in silentMembers)
        {
            _logger.MemberLost(member.Admin, member.Endpoint, "no check-in within the allowed misses");
        }

        if (silentMembers.Count > 0)
        {
            PushTable();
        }

        var leadersExpired = _leaders.ExpireSilent(now, _conventionSettings.LossAfter);
        if (silentMembers.Count > 0 || leadersExpired)
        {
            RefreshView();
        }

        CheckIn();
        KeepReturnPaths();
        InviteWaiting();
    }

    /// <summary>
    /// "Outbound Only": every period, a return path to each system of the convention is kept open (re-opened when it
    /// closed), so that they can send to this one (forward creates, relay messages to its actors) without connecting.
    /// </summary>
    private void KeepReturnPaths()
    {
        if (!_node.OutboundOnly)
        {
            return;
        }

        foreach (var member in _view.Others)
        {
            _node.Transport.OpenReturnPathAsync(member.Endpoint).ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>Checks in with every leader that has no check-in outstanding.</summary>
    private void CheckIn()
    {
        var self = SelfInfo;
        foreach (var endpoint in _leaders.DueForCheckIn())
        {
            _leaders.Sent(endpoint);
            _ = CheckInAsync(endpoint, self, _leaders.KnownVersion(endpoint));
        }
    }

    private async Task CheckInAsync(string endpoint, ConventionMemberInfo self, long knownVersion)
    {
        var answer = await AskOrFailureAsync(endpoint, id => new ConventionCheckIn(id, self, knownVersion, _conventionSettings.Period),
                                             _conventionSettings.LossAfter).ConfigureAwait(false);
        Post(() =>
        {
            switch (answer)
            {
                case null:
                    _leaders.NoAnswer(endpoint); // Missed check-ins decide.
                    break;
                case ConventionTable table when _leaders.Answered(endpoint, table, SystemAddress, Now):
                    RefreshView();
                    break;
                case ControlReply { Succeeded: false }:
                    LeaderUnreachable(endpoint);
                    break;
            }
        });
    }

    private void LeaderUnreachable(string endpoint)
    {
        if (_leaders.Unreachable(endpoint))
        {
            RefreshView();
        }
    }

    /// <summary>As a leader: a system checks in. Answers with this admin's table (its members only when the system's copy is old).</summary>
    private void HandleCheckIn(ConventionCheckIn checkIn, Envelope envelope)
    {
        if (_shuttingDown)
        {
            _node.Reply(envelope, new ControlReply(checkIn.RequestId, ControlErrorKind.ShuttingDown, "This system is shutting down."));
            return;
        }

        var member = checkIn.Member;
        var isSelf = member.Admin == SystemAddress;
        if (!isSelf)
        {
            _node.Book.Register(member.Admin, member.Endpoint);
            if (_leaderTable.CheckIn(member, checkIn.Period * _conventionSettings.MissMax, Now))
            {
                _logger.MemberJoined(member.Admin, member.Endpoint);
                PushTable(except: member.Admin);
                RefreshView();
            }
        }

        ReplyWith(envelope, LeaderTableAnswer(checkIn.RequestId, checkIn.KnownVersion));
    }

    private ConventionTable LeaderTableAnswer(long requestId, long knownVersion) =>
        new(requestId, SelfInfo, _leaderTable.Version, _leaderTable.IsSettled(Now, _conventionSettings.Period),
            knownVersion == _leaderTable.Version ? null : _leaderTable.Members);

    /// <summary>As a leader: tells every member (but <paramref name="except"/>, who is answered anyway) that the table changed.</summary>
    private void PushTable(ActorAddress? except = null)
    {
        var table = LeaderTableAnswer(0, knownVersion: 0);
        foreach (var member in _leaderTable.Members.Where(m => m.Admin != except))
        {
            _ = PushTableAsync(member, table);
        }
    }

    private async Task PushTableAsync(ConventionMemberInfo member, ConventionTable table)
    {
        // No answer in time: its check-ins decide. Unreachable: it is lost at once.
        var answer = await AskOrFailureAsync(member.Endpoint, id => new ConventionTableChanged(id, table),
                                             _conventionSettings.LossAfter).ConfigureAwait(false);
        if (answer is ControlReply { Succeeded: false } reply && reply.Error != ControlErrorKind.ShuttingDown)
        {
            Post(() => DropMember(member.Admin, $"could not be reached: {reply.Message}"));
        }
    }

    /// <summary>As a member: a leader's table changed.</summary>
    private void HandleTableChanged(ConventionTableChanged changed, Envelope envelope)
    {
        _node.Reply(envelope, new ControlReply(changed.RequestId));
        if (_leaders.Pushed(changed.Table, SystemAddress, Now))
        {
            RefreshView();
        }
    }

    /// <summary>Another system leaves: as its leader, drop it; as its member, stop following it.</summary>
    private void HandleLeave(ConventionLeave leave)
    {
        DropMember(leave.Admin, "it left the convention");
        if (_leaders.Left(leave.Admin))
        {
            RefreshView();
        }
    }

    private void DropMember(ActorAddress admin, string reason)
    {
        if (_leaderTable.Remove(admin.Id) is not { } member)
        {
            return;
        }

        _logger.MemberLost(member.Admin, member.Endpoint, reason);
        PushTable();
        RefreshView();
    }

    /// <summary>
    /// Recomputes the view; registered actors hear of each change, and actors placed on a system that is gone are
    /// stopped as far as this system is concerned (their parents get <see cref="ChildActorExited"/>).
    /// </summary>
    private void RefreshView()
    {
        var before = _view;
        var view = ConventionView.From(SystemAddress, _leaders.Current(), _leaderTable);
        _view = view;
        foreach (var member in view.Others)
        {
            _node.Book.Register(member.Admin, member.Endpoint);
        }

        if (before.Leader != view.Leader)
        {
            _logger.LeaderChanged(view.Leader is null ? "none" : view.Leader == SystemAddress ? "this system" : view.Leader.ToString());
            ClaimNamesAgain();
        }

        foreach (var (member, added) in ConventionView.Changes(before, view))
        {
            if (!added)
            {
                ForgetPlacedOn(member);
                ForgetNamesOf(member.Admin);
            }

            NotifyConventionListeners(member, added);
        }
    }

    private void NotifyConventionListeners(ConventionMemberInfo member, bool added)
    {
        foreach (var listener in _conventionListeners)
        {
            SendConventionUpdate(listener, member, added);
        }
    }

    /// <summary>A newly registered listener hears of every system in the convention at once.</summary>
    private void SendConventionSnapshot(ActorAddress listener)
    {
        foreach (var member in _view.Others)
        {
            SendConventionUpdate(listener, member, added: true);
        }
    }

    /// <summary>Sends one update; the member's admin address travels with its route.</summary>
    private void SendConventionUpdate(ActorAddress listener, ConventionMemberInfo member, bool added) =>
        SendSystemMessage(SystemAddress, listener,
                          new ActorSystemConventionUpdate(_node.Book.Register(member.Admin, member.Endpoint), member.Capabilities, added));

    /// <summary>This admin's capabilities changed: leaders and members hear of it at once, not at the next check-in.</summary>
    private void ConventionCapabilitiesChanged()
    {
        ApplyConventionSettings();
        _leaderTable.Touch();
        PushTable();
        CheckIn();
    }

    /// <summary>The command line's status: every other system, which one leads, and when this admin last heard from each.</summary>
    private ConventionInfoReply ConventionInfo(long requestId)
    {
        var now = Now;
        var leaderEndpoint = _leaders.Current()?.Endpoint;
        return new ConventionInfoReply(requestId, _view.Others.Select(member =>
        {
            var heard = _leaderTable.LastCheckIn(member.Admin.Id) ??
                        (member.Admin == _view.Leader && leaderEndpoint is not null ? _leaders.LastAnswer(leaderEndpoint) : null);
            return new ConventionMemberReport(member, member.Admin == _view.Leader, heard is { } at ? (now - at) / 1000.0 : null);
        }).ToArray());
    }

    /// <summary>Leaving (shutdown): leaders and members drop this system at once.</summary>
    private void LeaveConvention()
    {
        _conventionTimer?.Dispose();
        var leave = new ConventionLeave(SystemAddress);
        var told = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in _leaders.Endpoints.Concat(_leaderTable.Members.Select(m => m.Endpoint)).Concat(_view.Others.Select(m => m.Endpoint)))
        {
            if (endpoint != _node.LocalEndpoint && told.Add(endpoint))
            {
                SendControl(endpoint, leave);
            }
        }
    }
}
