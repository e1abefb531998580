using Thespian.Fuzzing.Canaries;
using Thespian.Wire;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// Messages as the wire serializer writes them: Thespian's own messages, framework values and collections, and messages
/// naming the canary types (written by a serializer that allows this assembly, read by one that does not).
/// </summary>
internal static class MessageSamples
{
    /// <summary>Types outside <see cref="DecodingAllowList"/> (this assembly).</summary>
    public static System.Reflection.Assembly CanaryAssembly { get; } = typeof(Canary).Assembly;

    /// <summary>What the targets decode with: Thespian's and framework types only, as the admin and every process has.</summary>
    public static TypeAllowList DecodingAllowList { get; } = new(_ => false, _ => null);

    /// <summary>A serializer that allows nothing but Thespian's and framework types (for writing ordinary seeds).</summary>
    public static WireSerializer Serializer { get; } = new(DecodingAllowList, id => new ActorAddress(id));

    /// <summary>A serializer that lets the canaries be written (the sender an attacker would use).</summary>
    private static WireSerializer CanaryWriter { get; } = new(
        new TypeAllowList(a => a == CanaryAssembly, n => n == CanaryAssembly.GetName().Name ? CanaryAssembly : null),
        id => new ActorAddress(id));

    /// <summary>The seed messages' bodies.</summary>
    public static IReadOnlyList<byte[]> Bodies()
    {
        var address = new ActorAddress(new ActorId(5, 6));
        object[] ordinary =
        [
            "text", 42, 3.25, true, 12345678901234L, Guid.Empty, TimeSpan.FromSeconds(3), new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            new ActorExitRequest(), new WakeupMessage(TimeSpan.FromSeconds(1), "payload"), new ChildActorExited(address),
            new PoisonMessage(new List<int> { 1, 2, 3 }, "details"), address,
            new List<object?> { 1, "two", null, 3.5, new Dictionary<string, object?> { ["k"] = 1L } },
            new Dictionary<string, List<string>> { ["a"] = ["b", "c"] }, new HashSet<int> { 1, 2 },
            new Tuple<int, string>(1, "x"), new KeyValuePair<string, int>("k", 7), new int[] { 1, 2, 3 },
            new Queue<string>(["q"]), new SortedDictionary<int, string> { [2] = "two" }, new Version(1, 2, 3), new Uri("http://h/p"),
            (decimal)1.5, 'c', (byte)7, new byte[] { 9, 8, 7 }, Half.One, Int128.MaxValue, DayOfWeek.Friday,
        ];
        object[] canaries =
        [
            new FuzzCanary { Text = "attack" }, new FuzzCanary { Inner = new FuzzCanary() },
            new List<object> { 1, new FuzzCanary { Text = "in a list" } },
            new Dictionary<string, object> { ["k"] = new FuzzCanaryValue { Number = 3 } },
            new WakeupMessage(TimeSpan.Zero, new FuzzCanary()), new PoisonMessage(new FuzzCanaryValue(), "poison"),
        ];
        var bodies = ordinary.Select(Serializer.Serialize).Concat(canaries.Select(CanaryWriter.Serialize)).ToList();
        bodies.Add(System.Text.Encoding.UTF8.GetBytes(
            $"{{\"$type\":\"{typeof(FuzzCanaryActor).FullName}, {CanaryAssembly.GetName().Name}\"}}"));
        return bodies;
    }

    /// <summary>Tokens of the message format: JSON punctuation, metadata names, type names.</summary>
    public static IReadOnlyList<byte[]> Tokens { get; } =
    [
        .. new[]
        {
            "{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e309", "-0", "\"$type\":", "\"$values\":", "\"$id\":", "\"$ref\":",
            "System.Private.CoreLib", "Thespian.Core", "Thespian.Fuzzing", "Thespian.Fuzzing.Canaries.FuzzCanary",
            "System.Collections.Generic.List`1[[System.Object, System.Private.CoreLib]]",
            "System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Object, System.Private.CoreLib]]",
            "System.IO.FileInfo, System.Private.CoreLib", "Thespian.ActorSystem, Thespian.Core", "System.Byte[]", "[]",
            "Thespian.ActorAddress, Thespian.Core", "\"Text\":", "\"Inner\":", "\\u0000", "\\ud800",
        }.Select(t => System.Text.Encoding.UTF8.GetBytes(t)),
        [0xff], [0xc3, 0x28], [0],
    ];
}
