using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Admin.Hosting;

/// <summary>One thing for the actor thread to do, in arrival order.</summary>
internal abstract record MailItem
{
    /// <summary>A message (or dead letter) from the wire, acknowledged on <paramref name="Receipt"/> once handled.</summary>
    public sealed record Incoming(Envelope Envelope, IReceipt Receipt) : MailItem;

    /// <summary>A message from this host to its own actor (already an object).</summary>
    public sealed record Local(object Message, ActorAddress Sender) : MailItem;

    /// <summary>A control record for this host.</summary>
    public sealed record Control(IControlMessage Message, Envelope Envelope) : MailItem;

    /// <summary>A wakeup has come due: the mailbox's runner takes the due ones from the host's schedule.</summary>
    public sealed record WakeupDue : MailItem
    {
        /// <summary>The one reminder (it carries nothing).</summary>
        public static readonly WakeupDue Instance = new();
    }

    /// <summary>Watched descriptors that are readable.</summary>
    public sealed record WatchReady(int[] Ready) : MailItem;
}
