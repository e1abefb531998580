using Thespian.Admin.Admin.Convention;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Admin.Admin;

/// <summary>
/// Pre-registration (guide §8): an actor invites a system that cannot reach the leader first (or does not know it).
/// This admin invites it, again every period (then every tenth) until it has checked in; the invited system then
/// checks in with this admin as with a listed leader. De-registration removes a system and withdraws the invitation.
/// </summary>
internal sealed partial class AdminServer
{
    private readonly Dictionary<string, int> _invited = new(StringComparer.Ordinal);

    private void HandlePreRegister(PreRegisterRequest request, Envelope envelope)
    {
        if (!_node.Transport.IsEndpoint(request.Endpoint))
        {
            _node.Reply(envelope, new ControlReply(request.RequestId, ControlErrorKind.InvalidArgument,
                $"'{request.Endpoint}' is not an admin endpoint of this base (host:port, e.g. 10.0.0.5:1900)."));
            return;
        }

        _node.Reply(envelope, new ControlReply(request.RequestId));
        if (request.Endpoint == _node.LocalEndpoint || !_invited.TryAdd(request.Endpoint, 0))
        {
            return;
        }

        _logger.Invited(request.Endpoint);
        InviteWaiting();
    }

    private void HandleDeRegister(DeRegisterRequest request, Envelope envelope)
    {
        var member = _leaderTable.Members.FirstOrDefault(m => m.Endpoint == request.Endpoint || m.Admin == request.Admin)
                     ?? _view.Others.FirstOrDefault(m => m.Endpoint == request.Endpoint || m.Admin == request.Admin);
        var endpoint = member?.Endpoint ?? request.Endpoint;
        _node.Reply(envelope, new ControlReply(request.RequestId));
        if (endpoint is not null)
        {
            _invited.Remove(endpoint);
            SendControl(endpoint, new ConventionInvite(_node.LocalEndpoint, Withdrawn: true));
        }

        if (member is not null)
        {
            DropMember(member.Admin, "de-registered");
        }
    }

    /// <summary>As the invited system: check in with the inviting leader (or stop, when the invitation is withdrawn).</summary>
    private void HandleInvite(ConventionInvite invite)
    {
        if (invite.Withdrawn)
        {
            if (_leaders.Withdraw(invite.LeaderEndpoint))
            {
                RefreshView();
            }

            return;
        }

        if (_leaders.Invite(invite.LeaderEndpoint))
        {
            CheckIn();
        }
    }

    /// <summary>Each period: invites again whoever has not checked in yet (every period at first, then every tenth).</summary>
    private void InviteWaiting()
    {
        if (_invited.Count == 0)
        {
            return;
        }

        var joined = _leaderTable.Members.Select(m => m.Endpoint).ToHashSet(StringComparer.Ordinal);
        foreach (var endpoint in _invited.Keys.ToArray())
        {
            if (joined.Contains(endpoint))
            {
                continue;
            }

            var attempts = _invited[endpoint]++;
            if (attempts < 10 || attempts % 10 == 0)
            {
                SendControl(endpoint, new ConventionInvite(_node.LocalEndpoint));
            }
        }
    }
}
