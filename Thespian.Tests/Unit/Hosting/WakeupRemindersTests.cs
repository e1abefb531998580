using System.Diagnostics;
using Thespian.Admin.Hosting;

namespace Thespian.Tests.Unit.Hosting;

/// <summary>
/// An actor host's wakeups, on a clock the test moves: every item delivers what is due first, and a reminder that runs
/// before its wakeup is due (timers may run early) asks for another, decided on the same reading of the clock that found
/// nothing due. Before that, a reminder 1 ms early could leave a 20 ms wakeup waiting for the actor's next message.
/// </summary>
public sealed class WakeupRemindersTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);
    private static readonly long PeriodTicks = (long)(Period.TotalSeconds * Stopwatch.Frequency);

    /// <summary>A clock that gives its readings in turn, and the last one from then on.</summary>
    private sealed class ScriptedClock(params long[] readings)
    {
        private int _read;

        public long Read() => readings[Math.Min(_read++, readings.Length - 1)];
    }

    private sealed class Actor
    {
        public bool Running { get; set; } = true;

        public List<object?> Delivered { get; } = [];
    }

    private static bool Deliver(WakeupReminders wakeups, Actor actor, bool forReminder) =>
        wakeups.DeliverDue(forReminder, actor, static a => a.Running, static (a, wakeup) => a.Delivered.Add(wakeup.Payload));

    [Test]
    public void Add_AsksForAReminderAfterThePeriod()
    {
        var reminders = new List<TimeSpan>();
        var wakeups = new WakeupReminders(reminders.Add, new ScriptedClock(0).Read);

        wakeups.Add(new WakeupMessage(Period, "w"), Period);

        Assert.That(reminders, Is.EqualTo(new[] { Period }));
        Assert.That(wakeups.Count, Is.EqualTo(1));
    }

    [Test]
    public void Reminder_JustBeforeTheWakeupIsDue_AsksForAnotherEvenIfTheWakeupIsDueByTheTimeItDecides()
    {
        // Added at 0; the reminder's reading is one tick early; any later reading would find it due.
        var reminders = new List<TimeSpan>();
        var wakeups = new WakeupReminders(reminders.Add, new ScriptedClock(0, PeriodTicks - 1, PeriodTicks + 1).Read);
        var actor = new Actor();
        wakeups.Add(new WakeupMessage(Period, "w"), Period);

        var delivered = Deliver(wakeups, actor, forReminder: true);

        Assert.That(delivered, Is.False, "not due at the reminder's reading");
        Assert.That(reminders, Has.Count.EqualTo(2), "another reminder, so the wakeup does not wait for the next message");
        Assert.That(reminders[1], Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMilliseconds(2)));

        Assert.That(Deliver(wakeups, actor, forReminder: true), Is.True, "the next reminder finds it due");
        Assert.That(actor.Delivered, Is.EqualTo(new[] { "w" }));
        Assert.That(reminders, Has.Count.EqualTo(2), "no reminder once it is delivered");
    }

    [Test]
    public void AnyItem_DeliversEveryDueWakeupEarliestFirst_AndAsksForNoReminder()
    {
        var reminders = new List<TimeSpan>();
        var clock = new ScriptedClock(0, 0, 0, 10 * PeriodTicks);
        var wakeups = new WakeupReminders(reminders.Add, clock.Read);
        var actor = new Actor();
        wakeups.Add(new WakeupMessage(3 * Period, "third"), 3 * Period);
        wakeups.Add(new WakeupMessage(Period, "first"), Period);
        wakeups.Add(new WakeupMessage(2 * Period, "second"), 2 * Period);
        reminders.Clear();

        Assert.That(Deliver(wakeups, actor, forReminder: false), Is.True);

        Assert.That(actor.Delivered, Is.EqualTo(new[] { "first", "second", "third" }));
        Assert.That(reminders, Is.Empty, "a message is not a reminder, and nothing is left to remind of");
        Assert.That(wakeups.Count, Is.Zero);
    }

    [Test]
    public void AnItemThatIsNotAReminder_NothingDue_AsksForNoReminder()
    {
        var reminders = new List<TimeSpan>();
        var wakeups = new WakeupReminders(reminders.Add, new ScriptedClock(0, 1).Read);
        wakeups.Add(new WakeupMessage(Period, "w"), Period);
        reminders.Clear();

        Assert.That(Deliver(wakeups, new Actor(), forReminder: false), Is.False);
        Assert.That(reminders, Is.Empty, "the wakeup's own reminder is still to come");
    }

    [Test]
    public void ActorStopped_NothingIsTakenAndNoReminderIsAskedFor()
    {
        var reminders = new List<TimeSpan>();
        var wakeups = new WakeupReminders(reminders.Add, new ScriptedClock(0, 10 * PeriodTicks).Read);
        var actor = new Actor { Running = false };
        wakeups.Add(new WakeupMessage(Period, "w"), Period);
        reminders.Clear();

        Assert.That(Deliver(wakeups, actor, forReminder: true), Is.False);
        Assert.That(actor.Delivered, Is.Empty);
        Assert.That(reminders, Is.Empty);
    }
}
