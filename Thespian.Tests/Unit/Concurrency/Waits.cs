namespace Thespian.Tests.Unit.Concurrency;

/// <summary>
/// Waiting in these tests: generous limits that only guard against a hang (nothing asserts how long anything took),
/// and threads of their own that a hung test does not keep alive.
/// </summary>
internal static class Waits
{
    /// <summary>How long a condition may take to come true before the test fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test, naming <paramref name="what"/>, when it never does.</summary>
    public static void Eventually(Func<bool> condition, string what) =>
        Assert.That(SpinWait.SpinUntil(condition, Patience), Is.True, $"within {Patience.TotalSeconds} s: {what}");

    /// <summary>
    /// Waits until <paramref name="thread"/> sleeps in a wait (a monitor, a semaphore) and <paramref name="progress"/>
    /// stays the same across a short settle: the thread is blocked, not merely slow.
    /// </summary>
    public static void UntilBlocked(Thread thread, Func<long> progress, string what) =>
        Eventually(() =>
        {
            var before = progress();
            if (!IsWaiting(thread))
            {
                return false;
            }

            Thread.Sleep(50);
            return IsWaiting(thread) && progress() == before;
        }, what);

    /// <summary>Whether <paramref name="thread"/> is in a wait (not running, not finished).</summary>
    public static bool IsWaiting(Thread thread) => (thread.ThreadState & ThreadState.WaitSleepJoin) != 0;

    /// <summary>Starts <paramref name="body"/> on a background thread of its own.</summary>
    public static Thread Start(string name, Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    /// <summary>Waits for <paramref name="thread"/> to end; fails the test when it does not.</summary>
    public static void Joined(Thread thread, string what) =>
        Assert.That(thread.Join(Patience), Is.True, $"within {Patience.TotalSeconds} s: {what}");
}
