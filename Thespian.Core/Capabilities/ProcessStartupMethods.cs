namespace Thespian.Runtime;

/// <summary>
/// The values of the capability "Process Startup Method" (multiproc bases): how an actor's process starts. A system
/// refuses to start with any other value, rather than run as if it were the default.
/// </summary>
internal static class ProcessStartupMethods
{
    /// <summary>The default: idle actor processes are started ahead of time and handed an actor when one is created.</summary>
    public const string Pool = "pool";

    /// <summary>Each actor's process is started when the actor is created.</summary>
    public const string Spawn = "spawn";

    /// <summary>What is wrong with the capability's value in <paramref name="capabilities"/>, or null when it is absent or valid.</summary>
    public static string? Problem(IEnumerable<KeyValuePair<string, object?>>? capabilities)
    {
        foreach (var (name, value) in capabilities ?? [])
        {
            if (name == CommonCapabilities.ProcessStartupMethod && value is not (null or Pool or Spawn))
            {
                return $"The capability \"{CommonCapabilities.ProcessStartupMethod}\" is {Describe(value)}; its valid values are " +
                       $"\"{Pool}\" (the default: actor processes start ahead of time, in a warm pool) and \"{Spawn}\" " +
                       "(each actor's process starts when the actor is created). Python's \"fork\" and \"forkserver\" have no " +
                       $".NET counterpart: use \"{Pool}\".";
            }
        }

        return null;
    }

    /// <summary>Refuses initial capabilities whose "Process Startup Method" is not a valid value (before anything starts).</summary>
    /// <exception cref="ArgumentException">The value is not one of the valid values; the message lists them.</exception>
    public static void Refuse(IDictionary<string, object?>? capabilities)
    {
        if (Problem(capabilities) is { } problem)
        {
            throw new ArgumentException(problem, nameof(capabilities));
        }
    }

    /// <summary>The method in effect for <paramref name="capabilities"/> (the default when absent).</summary>
    public static string Of(IDictionary<string, object?> capabilities) =>
        capabilities.TryGetValue(CommonCapabilities.ProcessStartupMethod, out var method) && method is string text ? text : Pool;

    private static string Describe(object? value) => value is string text ? $"\"{text}\"" : $"{value} (a {value!.GetType().Name})";
}
