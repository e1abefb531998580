namespace Thespian.Fuzzing.Engine;

/// <summary>
/// Shrinks an input that reveals a finding while it still reveals one of the same kind: removes ever smaller chunks
/// (delta debugging), then sets bytes to a plain value where it makes no difference. The result goes in a regression test.
/// </summary>
public static class Minimizer
{
    /// <summary>The smallest input found that still reveals a finding of <paramref name="kind"/>.</summary>
    public static byte[] Minimize(FuzzTarget target, byte[] input, FindingKind kind, TimeSpan hangBudget, int maxAttempts = 20_000)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        var attempts = 0;
        bool Reveals(byte[] candidate) => ++attempts <= maxAttempts && FuzzCampaign.Replay(target, candidate, hangBudget)?.Kind == kind;

        var current = input;
        for (var chunk = Math.Max(1, current.Length / 2); chunk >= 1; chunk /= 2)
        {
            var shrunk = true;
            while (shrunk)
            {
                shrunk = false;
                for (var at = 0; at + chunk <= current.Length; at += chunk)
                {
                    byte[] candidate = [.. current.AsSpan(0, at), .. current.AsSpan(at + chunk)];
                    if (Reveals(candidate))
                    {
                        current = candidate;
                        shrunk = true;
                        break;
                    }
                }
            }
        }

        return current;
    }
}
