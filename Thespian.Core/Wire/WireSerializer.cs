using System.Text;
using Newtonsoft.Json;

namespace Thespian.Wire;

/// <summary>
/// Turns a message into UTF-8 JSON and back, keeping .NET types (see <see cref="TypedValueConverter"/>)
/// and resolving type names only through the allow-list. One instance per process is enough; it is
/// thread-safe.
/// </summary>
internal sealed class WireSerializer
{
    private readonly JsonSerializer _serializer;

    /// <param name="allowList">Which types may travel.</param>
    /// <param name="internAddress">Turns an address identifier into this process's address object.</param>
    /// <param name="routeOf">Where an actor lives, when known (written with its address).</param>
    /// <param name="learnRoute">Records a route that arrived with an address.</param>
    public WireSerializer(TypeAllowList allowList, Func<UInt128, ActorAddress> internAddress,
                          Func<UInt128, string?>? routeOf = null, Action<UInt128, string>? learnRoute = null)
    {
        _serializer = JsonSerializer.Create(new JsonSerializerSettings
        {
            TypeNameHandling = TypeNameHandling.Auto,
            TypeNameAssemblyFormatHandling = TypeNameAssemblyFormatHandling.Simple,
            SerializationBinder = new AllowListBinder(allowList),
            ContractResolver = new WireContractResolver(),
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MetadataPropertyHandling = MetadataPropertyHandling.Default,
            MaxDepth = 64,
            Converters = { new ActorAddressConverter(internAddress, routeOf, learnRoute) },
        });
    }

    /// <summary>Serializes a message.</summary>
    /// <exception cref="ActorSystemException">The message cannot be serialized; the message names its type.</exception>
    public byte[] Serialize(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            using var buffer = new MemoryStream();
            using (var text = new StreamWriter(buffer, new UTF8Encoding(false), 1024, leaveOpen: true))
            using (var writer = new JsonTextWriter(text))
            {
                TypedValueConverter.Instance.WriteJson(writer, message, _serializer);
            }

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ActorSystemException(
                $"The message of type {message.GetType().FullName} cannot be sent: it cannot be serialized ({ex.Message}). " +
                "Messages must be serializable with Newtonsoft.Json: public properties or fields and a constructor it can call.", ex);
        }
    }

    /// <summary>Deserializes a message.</summary>
    /// <exception cref="DisallowedTypeException">It names a type that may not travel.</exception>
    /// <exception cref="JsonException">It is not a well-formed message.</exception>
    public object Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(utf8Json)));
        reader.MaxDepth = 64;
        if (!reader.Read())
        {
            throw new JsonSerializationException("Malformed message: it is empty.");
        }

        var message = TypedValueConverter.Instance.ReadJson(reader, typeof(object), null, _serializer)
                      ?? throw new JsonSerializationException("Malformed message: it is null.");
        if (reader.Read())
        {
            throw new JsonSerializationException("Malformed message: extra content after the message.");
        }

        return message;
    }
}
