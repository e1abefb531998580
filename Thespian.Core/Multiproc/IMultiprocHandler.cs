using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>What a process (admin, actor host, application endpoint) does with what its node receives.</summary>
internal interface IMultiprocHandler
{
    /// <summary>
    /// A <see cref="EnvelopeKind.Deliver"/> or <see cref="EnvelopeKind.DeadLetter"/> envelope for a local target;
    /// call <see cref="IReceipt.Done"/> once it has been handled or passed on.
    /// </summary>
    void OnDeliver(Envelope envelope, IReceipt receipt);

    /// <summary>A control record that is not a reply to one of this process's requests.</summary>
    void OnControl(IControlMessage message, Envelope envelope);
}
