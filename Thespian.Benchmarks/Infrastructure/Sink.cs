namespace Thespian.Benchmarks.Infrastructure;

/// <summary>Where micro-measurement loops put their results, so that the JIT cannot drop the work.</summary>
internal static class Sink
{
    private static long s_value;

    public static void Consume(long value) => Volatile.Write(ref s_value, s_value ^ value);
}
