using System.Text;
using Newtonsoft.Json;

namespace Thespian.Wire;

/// <summary>
/// Turns a message into UTF-8 JSON and back, keeping .NET types (see <see cref="TypedValueConverter"/>)
/// and allowing only types the <see cref="TypeAllowList"/> allows — <c>$type</c> names and declared member
/// types alike. Every failure to read surfaces as a <see cref="JsonException"/>; every failure to write as
/// an <see cref="ActorSystemException"/> naming the message type. Thread-safe; one per process is enough.
/// </summary>
internal sealed class WireSerializer
{
    /// <summary>How deep a message may nest (objects and arrays).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The first byte of a body that is a <c>byte[]</c> message carried as it is (the rest of the body), not as base64
    /// inside JSON: no JSON text starts with it.
    /// </summary>
    public const byte RawBytesMarker = 0;

    /// <summary>Messages up to this size are decoded into a pooled buffer.</summary>
    private const int PooledDecodeBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly JsonSerializer _serializer;

    /// <param name="allowList">Which types may travel.</param>
    /// <param name="internAddress">Turns an address identifier into this process's address object.</param>
    /// <param name="routeOf">Where an actor lives, when known (written with its address).</param>
    /// <param name="learnRoute">Records a route that arrived with an address.</param>
    /// <param name="isRoute">The transport's check of a route that arrived (a route it refuses makes the message malformed).</param>
    public WireSerializer(TypeAllowList allowList, Func<ActorId, ActorAddress> internAddress,
                          Func<ActorId, string?>? routeOf = null, Action<ActorId, string>? learnRoute = null,
                          Func<string, bool>? isRoute = null)
    {
        BuiltInConverterGuards.Install();
        _serializer = JsonSerializer.Create(new JsonSerializerSettings
        {
            TypeNameHandling = TypeNameHandling.Auto,
            TypeNameAssemblyFormatHandling = TypeNameAssemblyFormatHandling.Simple,
            SerializationBinder = new AllowListBinder(allowList),
            ContractResolver = new WireContractResolver(allowList),
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MetadataPropertyHandling = MetadataPropertyHandling.Default,
            MaxDepth = MaxDepth,
            Converters = { new ActorAddressConverter(internAddress, routeOf, learnRoute, isRoute) },
        });
    }

    /// <summary>Serializes a message (a <c>byte[]</c> message travels as raw bytes after <see cref="RawBytesMarker"/>).</summary>
    /// <exception cref="ActorSystemException">The message cannot be serialized; the message names its type.</exception>
    public byte[] Serialize(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is byte[] bytes)
        {
            var raw = GC.AllocateUninitializedArray<byte>(bytes.Length + 1);
            raw[0] = RawBytesMarker;
            bytes.CopyTo(raw, 1);
            return raw;
        }

        try
        {
            // This thread's scratch output, reused message after message; after a failure it is dropped (it may hold
            // part of the failed message), and a new one is made next time.
            var scratch = JsonScratch.Take(StrictUtf8);
            using (var writer = new DepthLimitedJsonWriter(scratch.Text, MaxDepth) { CloseOutput = false, ArrayPool = JsonCharPool.Instance })
            {
                TypedValueConverter.Instance.WriteJson(writer, message, _serializer);
            }

            scratch.Text.Flush();
            var json = scratch.Stream.ToArray();
            scratch.Return();
            return json;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or
                                       EncoderFallbackException or OverflowException or InvalidCastException or ArgumentException)
        {
            throw new ActorSystemException(
                $"The message of type {message.GetType().FullName} cannot be sent: it cannot be serialized ({ex.Message}). " +
                "Messages must be serializable with Newtonsoft.Json: public properties or fields, a constructor it can call, " +
                "and only types from Thespian, the framework's primitives and collections, or assemblies on the actor path.", ex);
        }
    }

    /// <summary>Deserializes a message.</summary>
    /// <exception cref="JsonException">
    /// It is not a well-formed message, or names a type that may not travel (then a
    /// <see cref="DisallowedTypeException"/> is in the chain of inner exceptions).
    /// </exception>
    public object Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        if (!utf8Json.IsEmpty && utf8Json[0] == RawBytesMarker)
        {
            return utf8Json[1..].ToArray();
        }

        char[]? chars = null;
        try
        {
            // A small message is decoded into a pooled buffer (returned below), not a string: one allocation less.
            TextReader text;
            if (utf8Json.Length <= PooledDecodeBytes)
            {
                chars = System.Buffers.ArrayPool<char>.Shared.Rent(StrictUtf8.GetMaxCharCount(utf8Json.Length));
                text = new CharArrayReader(chars, StrictUtf8.GetChars(utf8Json, chars));
            }
            else
            {
                text = new StringReader(StrictUtf8.GetString(utf8Json));
            }

            using var reader = new WireJsonReader(text)
            {
                ArrayPool = JsonCharPool.Instance,
                MaxDepth = MaxDepth,
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
            };
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
        catch (JsonException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new JsonSerializationException($"Malformed message: {ex.GetType().Name}: {ex.Message}", ex);
        }
        finally
        {
            if (chars is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(chars);
            }
        }
    }
}
