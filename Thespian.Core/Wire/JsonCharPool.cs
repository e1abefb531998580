using System.Buffers;
using Newtonsoft.Json;

namespace Thespian.Wire;

/// <summary>Newtonsoft.Json's character buffers from the shared array pool, so a reader or writer per message allocates none.</summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    public static JsonCharPool Instance { get; } = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
