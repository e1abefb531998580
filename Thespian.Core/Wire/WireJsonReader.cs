using Newtonsoft.Json;

namespace Thespian.Wire;

/// <summary>
/// The JSON reader of every received message: a <see cref="JsonTextReader"/> that refuses a <c>$type</c> property whose
/// value is not a type name (null, an object or an array). Newtonsoft.Json reads that value as a string without checking
/// and fails with a <see cref="NullReferenceException"/> inside; this makes it a clear refusal instead (found by fuzzing).
/// </summary>
internal sealed class WireJsonReader(TextReader text) : JsonTextReader(text)
{
    private const string TypePropertyName = "$type";

    public override bool Read()
    {
        var typeNameNext = TokenType == JsonToken.PropertyName && Value is TypePropertyName;
        var read = base.Read();
        if (typeNameNext && TokenType is not (JsonToken.String or JsonToken.Integer or JsonToken.Float or JsonToken.Boolean))
        {
            throw new JsonSerializationException(
                $"Malformed message: its {TypePropertyName} at '{Path}' is {(read ? TokenType.ToString() : "missing")}, not a type name.");
        }

        return read;
    }
}
