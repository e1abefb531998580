using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Thespian.Diagnostics;
using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>The process that keeps a system's dead-letter handlers: the admin.</summary>
internal interface IDeadLetterOffice
{
    /// <summary>An actor message that could not reach its target (its envelope as it was sent).</summary>
    void OnDeadLetter(Envelope envelope);
}

/// <summary>
/// A process that reads some undeliverable envelopes itself before they become dead letters (an actor host: troupe work
/// goes back to its troupe, see <see cref="Runtime.TroupeDeadLetters"/>).
/// </summary>
internal interface IDeadLetterReader
{
    /// <summary>Whether the envelope was taken care of (it then is no dead letter).</summary>
    bool TryTakeDeadLetter(Envelope envelope);
}

internal sealed partial class MultiprocNode
{
    /// <summary>
    /// The one place an actor message that cannot reach its target becomes a dead letter: in the admin (whose handler is
    /// an <see cref="IDeadLetterOffice"/>) it goes to the dead-letter handlers; every other process hands it to the admin.
    /// Envelopes of other kinds are not actor messages and are dropped (a control request's sender times out). When the
    /// sender is an application's endpoint of this process, an ask it waits on for the target returns null at once.
    /// </summary>
    public void DeadLetter(Envelope envelope)
    {
        if (envelope.Kind != EnvelopeKind.Deliver)
        {
            return;
        }

        ThespianMetrics.DeadLetter(BaseName);

        // An application's endpoint waiting on an answer from the target stops waiting.
        if (Book.Find(envelope.Sender)?.LocalTarget is ExternalEndpoint sender)
        {
            sender.Undeliverable(envelope.Target);
        }

        if (_handler is IDeadLetterReader reader && reader.TryTakeDeadLetter(envelope))
        {
            return;
        }

        if (_handler is IDeadLetterOffice office)
        {
            office.OnDeadLetter(envelope);
            return;
        }

        if (AdminEndpoint is not { } admin || AdminAddress is not { } adminAddress || envelope.Target == adminAddress.Id)
        {
            return;
        }

        try
        {
            Transport.Send(admin, envelope.AsDeadLetterFor(adminAddress.Id));
        }
        catch (ObjectDisposedException)
        {
            // This process is stopping.
        }
    }

    /// <summary>
    /// The one place a received body is read with this process's allow-list. A body that cannot be read (a refused type,
    /// malformed JSON) is logged; an actor message then becomes a dead letter and false is returned, while a dead letter's
    /// body is handed on as its text, so nothing is lost.
    /// </summary>
    /// <param name="envelope">What arrived.</param>
    /// <param name="receiver">Whom it was for (named in the log line).</param>
    /// <param name="message">The message, when true.</param>
    public bool TryReadBody(Envelope envelope, ActorAddress receiver, out object message)
    {
        try
        {
            message = Serializer.Deserialize(envelope.Body.Span);
            return true;
        }
        catch (JsonException ex)
        {
            Logger.MessageRefused(receiver, Book.Intern(envelope.Sender), WireFailures.Describe(ex));
            if (envelope.Kind == EnvelopeKind.DeadLetter)
            {
                message = Encoding.UTF8.GetString(envelope.Body.Span);
                return true;
            }

            DeadLetter(envelope);
            message = null!;
            return false;
        }
    }
}
