using Thespian.Admin.Cli;

namespace Thespian.Tests.Unit.Admin;

/// <summary>
/// The CLI's wait notices: a long wait is named on standard error, again at each interval, with what is awaited at that
/// moment; a quick one is not mentioned.
/// </summary>
public sealed class WaitNoticeTests
{
    [Test]
    public async Task LongWait_IsNamedRepeatedly_WithWhatIsAwaitedAtEachNotice()
    {
        using var error = new StringWriter();
        var remaining = 3;
        var notice = WaitNotice.Start(TextWriter.Synchronized(error), () => $"{remaining--} process(es) to exit",
                                      delay: TimeSpan.Zero, interval: TimeSpan.FromMilliseconds(5));
        await using (notice)
        {
            await WaitUntil(() => Lines(error).Length >= 2);
        }

        var lines = Lines(error);
        Assert.That(lines[0], Does.Match(@"^thespian-admin: waiting for 3 process\(es\) to exit \(\d+ s\)$"));
        Assert.That(lines[1], Does.StartWith("thespian-admin: waiting for 2 process(es) to exit ("));
    }

    [Test]
    public async Task WaitOverBeforeTheDelay_WritesNothing()
    {
        using var error = new StringWriter();
        var notice = WaitNotice.Start(error, () => "anything", delay: TimeSpan.FromHours(1));
        await notice.DisposeAsync();

        Assert.That(error.ToString(), Is.Empty);
    }

    private static string[] Lines(StringWriter error) =>
        error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True, "the notices did not come");
    }
}
