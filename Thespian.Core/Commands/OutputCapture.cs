using System.Text;

namespace Thespian.Commands;

/// <summary>
/// One output stream of a running command, appended to by its reading task and read by the actor: what the result
/// keeps (everything up to a limit; beyond it the first half of the limit and the end, as Python's max_bufsize), and,
/// when someone watches, the text not yet handed out as lines. Thread-safe.
/// </summary>
internal sealed class OutputCapture(int maxKept, bool streamed)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _head = new();
    private readonly StringBuilder _tail = new();
    private readonly StringBuilder _unsent = new();
    private long _dropped;

    /// <summary>Appends what the stream produced.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            if (streamed)
            {
                _unsent.Append(text);
            }

            if (maxKept <= 0)
            {
                _head.Append(text);
                return;
            }

            var headRoom = Math.Max(0, (maxKept / 2) - _head.Length);
            var toHead = Math.Min(headRoom, text.Length);
            _head.Append(text[..toHead]);
            _tail.Append(text[toHead..]);

            // Trimmed in steps (not on every append) so a chatty command does not copy its tail over and over.
            if (_tail.Length > 2 * TailLimit)
            {
                TrimTail();
            }
        }
    }

    /// <summary>The complete lines not yet handed out (each with its line end); with <paramref name="includePartial"/>, the rest too.</summary>
    public List<string> TakeLines(bool includePartial)
    {
        var lines = new List<string>();
        lock (_gate)
        {
            var text = _unsent.ToString();
            var start = 0;
            for (var end = text.IndexOf('\n'); end >= 0; end = text.IndexOf('\n', start))
            {
                lines.Add(text[start..(end + 1)]);
                start = end + 1;
            }

            if (includePartial && start < text.Length)
            {
                lines.Add(text[start..]);
                start = text.Length;
            }

            _unsent.Remove(0, start);
        }

        return lines;
    }

    /// <summary>What the result keeps, and how many characters were dropped from its middle.</summary>
    public (string Text, long Dropped) Kept()
    {
        lock (_gate)
        {
            TrimTail();
            return (_head.ToString() + _tail, _dropped);
        }
    }

    private int TailLimit => maxKept - (maxKept / 2);

    private void TrimTail()
    {
        var excess = _head.Length + _tail.Length - maxKept;
        if (maxKept > 0 && excess > 0)
        {
            _tail.Remove(0, excess);
            _dropped += excess;
        }
    }
}
