using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Thespian.Wire;

namespace Thespian.Multiproc;

internal sealed partial class MultiprocNode
{
    /// <inheritdoc />
    public void OnEnvelope(Envelope envelope, IReceipt receipt)
    {
        if (envelope.SenderEndpoint is { } endpoint && envelope.Sender != ActorId.Zero && Book.RouteOf(envelope.Sender) is null &&
            IsRoute(endpoint))
        {
            Book.SetRoute(envelope.Sender, endpoint);
        }

        switch (envelope.Kind)
        {
            case EnvelopeKind.Control:
                HandleControl(envelope);
                receipt.Done();
                break;
            default:
                Handler.OnDeliver(envelope, receipt);
                break;
        }
    }

    /// <inheritdoc />
    public void OnUndeliverable(string endpoint, IReadOnlyList<Envelope> envelopes, Exception reason)
    {
        Book.ForgetEndpoint(endpoint);
        Logger.Undeliverable(envelopes.Count, endpoint, reason.Message);
        foreach (var envelope in envelopes)
        {
            switch (envelope.Kind)
            {
                case EnvelopeKind.Deliver:
                    DeadLetter(envelope);
                    break;
                case EnvelopeKind.Control:
                    FailRequestIn(envelope, endpoint, reason);
                    break;
            }
        }
    }

    /// <inheritdoc />
    public void OnProtocolViolation(string remote, Exception violation) =>
        Logger.InputRefused(remote, violation.GetType().Name, violation.Message);

    /// <inheritdoc />
    public void OnConnectionFailed(string remote, bool outbound, string failure) =>
        Logger.ConnectionFailed(outbound ? "to" : "from", remote, failure);

    /// <inheritdoc />
    public void OnConnectionOverLimit(string remote, string reason) => Logger.ConnectionOverLimit(remote, reason);

    private void HandleControl(Envelope envelope)
    {
        object message;
        try
        {
            message = Serializer.Deserialize(envelope.Body.Span);
        }
        catch (JsonException ex)
        {
            Logger.ControlRefused(envelope.SenderEndpoint ?? "unknown", WireFailures.Describe(ex));
            return;
        }

        switch (message)
        {
            case IControlAnswer answer when _requests.TryGetValue(answer.RequestId, out var waiting):
                waiting.TrySetResult(answer);
                break;
            case IControlAnswer:
                // Its requester stopped waiting (timed out or gone).
                break;
            case RouteNotice notice when IsRoute(notice.Route):
                Book.SetRoute(notice.Actor.Id, notice.Route);
                break;
            case IControlMessage control:
                Handler.OnControl(control, envelope);
                break;
            default:
                Logger.ControlRefused(envelope.SenderEndpoint ?? "unknown", $"{message.GetType().Name} is not a control record");
                break;
        }
    }

    private void FailRequestIn(Envelope envelope, string endpoint, Exception reason)
    {
        try
        {
            if (Serializer.Deserialize(envelope.Body.Span) is IControlRequest request &&
                _requests.TryGetValue(request.RequestId, out var waiting))
            {
                waiting.TrySetResult(new ControlReply(request.RequestId, ControlErrorKind.Failure,
                                                      $"{endpoint} could not be reached: {reason.Message}"));
            }
        }
        catch (JsonException)
        {
            // Our own record; cannot happen unless memory is corrupt.
        }
    }
}
