using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>What a process (admin, actor host, application endpoint) does with what its node receives.</summary>
internal interface IMultiprocHandler
{
    /// <summary>A <see cref="EnvelopeKind.Deliver"/> or <see cref="EnvelopeKind.DeadLetter"/> envelope for a local target.</summary>
    void OnDeliver(Envelope envelope);

    /// <summary>A control record that is not a reply to one of this process's requests.</summary>
    void OnControl(IControlMessage message, Envelope envelope);

    /// <summary>An actor message this process could not get to its target: it becomes a dead letter.</summary>
    void OnUndeliverable(Envelope envelope);
}
