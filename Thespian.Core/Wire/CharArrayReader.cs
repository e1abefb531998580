namespace Thespian.Wire;

/// <summary>
/// A <see cref="TextReader"/> over the first <c>length</c> characters of an array (a pooled buffer holding a decoded
/// message), so that reading JSON does not first copy the message into a string.
/// </summary>
internal sealed class CharArrayReader(char[] chars, int length) : TextReader
{
    private int _position;

    public override int Peek() => _position < length ? chars[_position] : -1;

    public override int Read() => _position < length ? chars[_position++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        var copied = Math.Min(count, length - _position);
        Array.Copy(chars, _position, buffer, index, copied);
        _position += copied;
        return copied;
    }

    public override int Read(Span<char> buffer)
    {
        var copied = Math.Min(buffer.Length, length - _position);
        chars.AsSpan(_position, copied).CopyTo(buffer);
        _position += copied;
        return copied;
    }
}
