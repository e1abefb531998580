using Newtonsoft.Json;

namespace Thespian.Wire;

/// <summary>A JSON writer that refuses to nest deeper than receivers read, so a too-deep message fails at send, not on arrival.</summary>
internal sealed class DepthLimitedJsonWriter(TextWriter writer, int maxDepth) : JsonTextWriter(writer)
{
    private int _depth;

    public override void WriteStartObject()
    {
        Enter();
        base.WriteStartObject();
    }

    public override void WriteStartArray()
    {
        Enter();
        base.WriteStartArray();
    }

    public override void WriteEndObject()
    {
        _depth--;
        base.WriteEndObject();
    }

    public override void WriteEndArray()
    {
        _depth--;
        base.WriteEndArray();
    }

    private void Enter()
    {
        if (++_depth > maxDepth)
        {
            throw new JsonSerializationException($"The message nests deeper than {maxDepth} levels, which no receiver accepts.");
        }
    }
}
