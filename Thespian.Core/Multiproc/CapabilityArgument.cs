using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>Capabilities on a command line: wire JSON (types kept), base64-encoded so no shell quoting applies.</summary>
internal static class CapabilityArgument
{
    private static readonly WireSerializer Serializer = new(TypeAllowList.ThespianOnly, id => new ActorAddress(id));

    public static string Encode(IDictionary<string, object?> capabilities) =>
        Convert.ToBase64String(Serializer.Serialize(new Dictionary<string, object?>(capabilities, StringComparer.Ordinal)));

    /// <exception cref="ArgumentException">Not an encoded capability set.</exception>
    public static IDictionary<string, object?> Decode(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        try
        {
            return Serializer.Deserialize(Convert.FromBase64String(encoded)) as IDictionary<string, object?>
                   ?? throw new ArgumentException("The capabilities argument is not a dictionary.");
        }
        catch (Exception ex) when (ex is FormatException or Newtonsoft.Json.JsonException)
        {
            throw new ArgumentException($"The capabilities argument cannot be read: {ex.Message}", ex);
        }
    }
}
