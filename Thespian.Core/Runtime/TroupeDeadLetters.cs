using System.Text;

namespace Thespian.Runtime;

/// <summary>
/// What troupe traffic becomes when it cannot be delivered, the same on every base: a <see cref="TroupeWork"/> goes back
/// to the troupe manager that handed it out (its sender), which gives it to another worker; a
/// <see cref="TroupeWorkReturned"/> that cannot reach its manager (the troupe is gone) is a dead letter of the user's
/// original message, from its original sender, at the troupe's address. Dead-letter handlers never see the wrappers.
/// </summary>
internal static class TroupeDeadLetters
{
    private static readonly byte[] TypeNameMarker = Encoding.UTF8.GetBytes(typeof(TroupeWork).FullName!);

    /// <summary>
    /// When <paramref name="message"/>, undeliverable to <paramref name="deadAddress"/>, is work for a troupe worker:
    /// the message to send instead (from the worker's address to the manager).
    /// </summary>
    public static bool TryReturnToManager(ActorAddress deadAddress, object message, ActorAddress sender,
                                          out ActorAddress manager, out TroupeWorkReturned returned)
    {
        if (message is TroupeWork work)
        {
            manager = sender;
            returned = new TroupeWorkReturned(work, deadAddress);
            return true;
        }

        manager = null!;
        returned = null!;
        return false;
    }

    /// <summary>The dead letter as handlers should see it: the user's message for troupe work that could not be returned.</summary>
    public static (ActorAddress DeadAddress, object Message, ActorAddress Sender) Unwrap(ActorAddress deadAddress, object message,
                                                                                         ActorAddress sender) =>
        message switch
        {
            TroupeWorkReturned returned => (deadAddress, returned.Work.Message, returned.Work.Sender),
            TroupeWork work => (deadAddress, work.Message, work.Sender),
            _ => (deadAddress, message, sender),
        };

    /// <summary>Whether a serialized body may hold troupe traffic (its type names one of the troupe wrappers).</summary>
    public static bool MayBeTroupeTraffic(ReadOnlySpan<byte> body) => body.IndexOf(TypeNameMarker) >= 0;
}
