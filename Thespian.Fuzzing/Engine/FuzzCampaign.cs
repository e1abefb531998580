using System.Diagnostics;

namespace Thespian.Fuzzing.Engine;

/// <summary>
/// Runs mutated inputs through one target and counts what goes wrong: an exception other than the documented refusal
/// (crash), an input over the time budget (hang), a type instantiated outside the allow-list, an allocation beyond the
/// target's limit. The inputs run on a thread of their own, watched by the caller's: an input that never finishes is
/// reported as a hang and ends the campaign (a thread cannot be stopped; it is a background thread).
/// </summary>
public sealed class FuzzCampaign
{
    private readonly FuzzTarget _target;
    private readonly FuzzOptions _options;
    private readonly List<FuzzFinding> _findings = [];
    private long _crashes;
    private long _hangs;
    private long _instantiations;
    private long _overAllocations;
    private long _refused;
    private long _completed;

    // Published by the fuzzing thread for the watchdog: the input running and when it started (0: none).
    private byte[]? _current;
    private long _currentIndex;
    private long _currentStarted;

    private FuzzCampaign(FuzzTarget target, FuzzOptions options)
    {
        _target = target;
        _options = options;
    }

    /// <summary>Runs a campaign against <paramref name="target"/>.</summary>
    /// <param name="target">The target.</param>
    /// <param name="options">Seed, input count, budgets.</param>
    /// <param name="progress">Called now and then with the inputs done so far.</param>
    public static FuzzResult Run(FuzzTarget target, FuzzOptions options, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        return new FuzzCampaign(target, options).Run(progress);
    }

    /// <summary>Runs one input as the campaign would and says what it found (null: nothing); for replaying findings.</summary>
    public static FuzzFinding? Replay(FuzzTarget target, byte[] input, TimeSpan hangBudget)
    {
        ArgumentNullException.ThrowIfNull(target);
        var campaign = new FuzzCampaign(target, new FuzzOptions(0, 1, hangBudget));
        campaign.RunOne(input, 0);
        return campaign._findings.FirstOrDefault();
    }

    private FuzzResult Run(Action<long>? progress)
    {
        var stopwatch = Stopwatch.StartNew();
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            try
            {
                Loop(stopwatch);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, 16 * 1024 * 1024)
        { IsBackground = true, Name = $"fuzz {_target.Name}" };
        worker.Start();
        while (!worker.Join(TimeSpan.FromMilliseconds(200)))
        {
            progress?.Invoke(Interlocked.Read(ref _completed));
            var started = Interlocked.Read(ref _currentStarted);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > _options.AbandonAfter && Volatile.Read(ref _current) is { } stuck)
            {
                lock (_findings)
                {
                    _hangs++;
                    Keep(new FuzzFinding(FindingKind.Hang, Interlocked.Read(ref _currentIndex), stuck,
                                         $"still running after {_options.AbandonAfter.TotalSeconds:0} s; the campaign stopped"));
                }

                break;
            }
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"The fuzz campaign against {_target.Name} failed outside its target.", failure);
        }

        lock (_findings)
        {
            return new FuzzResult(_target.Name, Interlocked.Read(ref _completed), stopwatch.Elapsed, _crashes, _hangs,
                                  _instantiations, _overAllocations, _refused, [.. _findings]);
        }
    }

    private void Loop(Stopwatch stopwatch)
    {
        var mutator = new Mutator(_target.CreateSeeds(), _target.Tokens, _target.MaxInputBytes, _options.Seed);
        for (long index = 0; index < _options.Inputs; index++)
        {
            if (_options.Duration is { } duration && (index & 63) == 0 && stopwatch.Elapsed > duration)
            {
                return;
            }

            RunOne(mutator.Next(), index);
            Interlocked.Increment(ref _completed);
        }
    }

    private void RunOne(byte[] input, long index)
    {
        var instantiationsBefore = _target.Instantiations;
        Volatile.Write(ref _current, input);
        Interlocked.Exchange(ref _currentIndex, index);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _currentStarted, started);
        Exception? thrown = null;
        try
        {
            _target.Run(input);
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Interlocked.Exchange(ref _currentStarted, 0);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var instantiated = _target.Instantiations - instantiationsBefore;
        lock (_findings)
        {
            if (thrown is not null)
            {
                if (_target.IsClearError(thrown))
                {
                    _refused++;
                }
                else
                {
                    _crashes++;
                    Keep(new FuzzFinding(FindingKind.Crash, index, input, Describe(thrown)));
                }
            }

            if (elapsed > _options.HangBudget)
            {
                _hangs++;
                Keep(new FuzzFinding(FindingKind.Hang, index, input, $"took {elapsed.TotalMilliseconds:0} ms"));
            }

            if (instantiated > 0)
            {
                _instantiations++;
                Keep(new FuzzFinding(FindingKind.Instantiation, index, input, $"{instantiated} instantiation(s) outside the allow-list"));
            }

            var limit = _target.AllocationLimit(input.Length);
            if (allocated > limit)
            {
                _overAllocations++;
                Keep(new FuzzFinding(FindingKind.Allocation, index, input, $"allocated {allocated} bytes (limit {limit})"));
            }
        }
    }

    private void Keep(FuzzFinding finding)
    {
        if (_findings.Count < _options.KeepFindings)
        {
            _findings.Add(finding);
        }
    }

    /// <summary>The exception and its inner exceptions, with the innermost's stack (where the defect is).</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var parts = new List<string>();
        var innermost = exception;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            parts.Add($"{current.GetType().Name}: {current.Message}");
            innermost = current;
        }

        var stack = innermost.StackTrace?.Split('\n').Take(6).Select(l => l.Trim()) ?? [];
        return string.Join(" ---> ", parts) + "\n    " + string.Join("\n    ", stack);
    }
}
