using System.Buffers;
using Newtonsoft.Json;

namespace Thespian.Wire;

/// <summary>
/// Newtonsoft.Json's character buffers from the shared array pool, so a reader or writer per message allocates none.
/// A buffer grown past <see cref="MaxPooledChars"/> by a large message is not given back: the shared pool would keep it
/// (tens of MiB after a 16 MiB message) for as long as the process lives.
/// </summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    /// <summary>The largest buffer given back to the pool (2 MiB of memory).</summary>
    public const int MaxPooledChars = 1024 * 1024;

    public static JsonCharPool Instance { get; } = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null && array.Length <= MaxPooledChars)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
