using System.Diagnostics;
using System.Globalization;

namespace Thespian.Admin.Cli;

/// <summary>
/// Says what a verb is waiting for when the wait takes more than a moment: after <see cref="DefaultDelay"/>, and then
/// every <see cref="DefaultInterval"/>, one line on standard error (standard output stays the verb's result) such as
/// <c>thespian-admin: waiting for the admin to answer on port 1900 (4 s)</c>. Nothing is written for a quick wait.
/// </summary>
internal sealed class WaitNotice : IAsyncDisposable
{
    /// <summary>How long a wait goes unmentioned.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(2);

    /// <summary>How often a long wait is mentioned again.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _done = new();
    private readonly Task _notices;

    private WaitNotice(TextWriter error, Func<string> describe, TimeSpan delay, TimeSpan interval)
    {
        _notices = NoticeAsync(error, describe, delay, interval, _done.Token);
    }

    /// <summary>Starts watching a wait; dispose it when the wait is over.</summary>
    /// <param name="error">Where notices go (the verb's standard error).</param>
    /// <param name="describe">What is being waited for, at the moment of the notice.</param>
    /// <param name="delay">How long the wait goes unmentioned (default <see cref="DefaultDelay"/>).</param>
    /// <param name="interval">How often it is mentioned again (default <see cref="DefaultInterval"/>).</param>
    public static WaitNotice Start(TextWriter error, Func<string> describe, TimeSpan? delay = null, TimeSpan? interval = null) =>
        new(error, describe, delay ?? DefaultDelay, interval ?? DefaultInterval);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _done.CancelAsync().ConfigureAwait(false);
        await _notices.ConfigureAwait(false);
        _done.Dispose();
    }

    private static async Task NoticeAsync(TextWriter error, Func<string> describe, TimeSpan delay, TimeSpan interval,
                                          CancellationToken done)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await Task.Delay(delay, done).ConfigureAwait(false);
            while (!done.IsCancellationRequested)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"thespian-admin: waiting for {describe()} ({watch.Elapsed.TotalSeconds:0} s)")).ConfigureAwait(false);
                await error.FlushAsync(done).ConfigureAwait(false);
                await Task.Delay(interval, done).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The wait is over.
        }
    }
}
