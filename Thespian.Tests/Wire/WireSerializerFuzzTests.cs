using System.Text;
using Newtonsoft.Json;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>Arbitrary bytes either deserialize or fail with a JsonException — never any other way.</summary>
public sealed class WireSerializerFuzzTests
{
    private const int Inputs = 1000;

    private static readonly string JsonAlphabet = "{}[]\",:0123456789-+.eE truefalsnul\\$typei4r8mgbe,ThespianTestsWire";

    private const string Punctuation = "{}[]\",:0-9aez";

    private WireSerializer _serializer = null!;

    [SetUp]
    public void SetUp() => _serializer = WireTestSerializers.Create();

    /// <summary>Runs every input and reports each one that failed with anything but a JsonException.</summary>
    private void AssertOnlyJsonExceptions(IEnumerable<byte[]> inputs)
    {
        var failures = new List<(string Type, string Example)>();
        var count = 0;
        foreach (var input in inputs)
        {
            count++;
            try
            {
                _serializer.Deserialize(input);
            }
            catch (JsonException)
            {
            }
            catch (Exception ex)
            {
                var text = Encoding.UTF8.GetString(input);
                failures.Add((ex.GetType().Name, $"{ex.GetType().Name} ({ex.Message}) for {(text.Length > 160 ? text[..160] + "…" : text)}"));
            }
        }

        Assert.That(count, Is.EqualTo(Inputs));
        Assert.That(failures.Count, Is.Zero, () =>
            $"{failures.Count} of {count} inputs failed with something other than a JsonException: " +
            string.Join(", ", failures.GroupBy(f => f.Type).Select(g => $"{g.Key} x{g.Count()}")) + "\n" +
            string.Join("\n", failures.GroupBy(f => f.Type).Select(g => g.First().Example)));
    }

    [Test]
    public void Deserialize_RandomBytes_ThrowsOnlyJsonExceptions()
    {
        var random = new Random(20240601);

        AssertOnlyJsonExceptions(Enumerable.Range(0, Inputs).Select(_ =>
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            return bytes;
        }).ToList());
    }

    [Test]
    public void Deserialize_RandomJsonLikeText_ThrowsOnlyJsonExceptions()
    {
        var random = new Random(7);

        AssertOnlyJsonExceptions(Enumerable.Range(0, Inputs).Select(_ =>
        {
            var text = new char[random.Next(0, 48)];
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = JsonAlphabet[random.Next(JsonAlphabet.Length)];
            }

            return Encoding.UTF8.GetBytes(text);
        }).ToList());
    }

    [Test]
    public void Deserialize_MutatedValidMessages_ThrowsOnlyJsonExceptions()
    {
        var random = new Random(1234);
        object[] seeds =
        [
            new Order(1, "n", 2.5m, Colour.Blue),
            new PoisonMessage(new Holder(new List<object?> { 1, 2L, "s", Guid.Empty, new byte[] { 1, 2 } }), "d"),
            new ChildActorExited(ActorAddress.CreateNew()),
            new Dictionary<string, object?> { ["dt"] = DateTime.UnixEpoch, ["e"] = Access.Read, ["u"] = new Uri("http://x/") },
            new WakeupMessage(TimeSpan.FromSeconds(1), (Half)2),
        ];
        var encoded = seeds.Select(_serializer.Serialize).ToArray();

        AssertOnlyJsonExceptions(Enumerable.Range(0, Inputs).Select(_ =>
        {
            var bytes = (byte[])encoded[random.Next(encoded.Length)].Clone();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(bytes.Length);
                bytes[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)Punctuation[random.Next(Punctuation.Length)],
                    _ => bytes[random.Next(bytes.Length)],
                };
            }

            return bytes;
        }).ToList());
    }
}
