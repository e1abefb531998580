using System.Text;

namespace Thespian.Wire;

/// <summary>
/// One thread's reusable output for serializing a message: a stream and a UTF-8 writer over it, kept between messages
/// so that serializing a small message allocates little more than its result. Taken with <see cref="Take"/> and given
/// back with <see cref="Return"/> after a clean use; a nested use on the same thread gets a new one, and one that failed
/// is simply not given back.
/// </summary>
internal sealed class JsonScratch
{
    /// <summary>A stream grown past this by a large message is not kept.</summary>
    private const int MaxKeptBytes = 1024 * 1024;

    [ThreadStatic]
    private static JsonScratch? t_free;

    private JsonScratch(Encoding encoding)
    {
        Stream = new MemoryStream();
        Text = new StreamWriter(Stream, encoding, 1024, leaveOpen: true);
    }

    /// <summary>The bytes written so far (empty when taken).</summary>
    public MemoryStream Stream { get; }

    /// <summary>Writes UTF-8 text to <see cref="Stream"/>; flush before reading the stream.</summary>
    public StreamWriter Text { get; }

    /// <summary>This thread's scratch (a new one when it is in use or was dropped), empty.</summary>
    public static JsonScratch Take(Encoding encoding)
    {
        var scratch = t_free ?? new JsonScratch(encoding);
        t_free = null;
        scratch.Stream.SetLength(0);
        return scratch;
    }

    /// <summary>Gives the scratch back for the next message on this thread (only after a clean use).</summary>
    public void Return()
    {
        if (Stream.Capacity <= MaxKeptBytes)
        {
            t_free = this;
        }
    }
}
