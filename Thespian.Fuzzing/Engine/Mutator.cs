using System.Buffers.Binary;

namespace Thespian.Fuzzing.Engine;

/// <summary>
/// A seeded, structure-aware mutator: each input is a seed (valid, from the product's writers) with one to a few stacked
/// mutations — bit flips, random and interesting bytes, byte insertion and deletion, interesting integers written over
/// any offset, edits of length fields (declared by the seed, or found as little-endian values that fit what follows),
/// truncation, splicing with another seed, duplicated regions and dictionary tokens. The same seed number gives the same
/// inputs, so a finding is reproduced from (target, seed, input index).
/// </summary>
public sealed class Mutator
{
    private static readonly long[] InterestingIntegers =
    [
        0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256, 511, 512, 1023, 1024, 4095, 4096,
        32767, 32768, 65535, 65536, 65537, 64 * 1024 * 1024, (64 * 1024 * 1024) + 1, int.MaxValue, (long)int.MaxValue + 1,
        uint.MaxValue, -1, -2, -128, -129, -32768, -32769, int.MinValue, long.MaxValue, long.MinValue,
    ];

    private readonly IReadOnlyList<FuzzSeed> _seeds;
    private readonly IReadOnlyList<byte[]> _tokens;
    private readonly int _maxBytes;
    private readonly Random _random;

    /// <param name="seeds">The valid inputs to start from (at least one).</param>
    /// <param name="tokens">Byte strings to insert or overwrite with.</param>
    /// <param name="maxBytes">The largest input made.</param>
    /// <param name="seed">The random seed.</param>
    public Mutator(IReadOnlyList<FuzzSeed> seeds, IReadOnlyList<byte[]> tokens, int maxBytes, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(seeds.Count);
        _seeds = seeds;
        _tokens = tokens;
        _maxBytes = maxBytes;
        _random = new Random(seed);
    }

    /// <summary>The next input: now and then a seed unchanged, mostly a seed with stacked mutations.</summary>
    public byte[] Next()
    {
        var seed = _seeds[_random.Next(_seeds.Count)];
        if (_random.Next(64) == 0)
        {
            return seed.Bytes.ToArray();
        }

        var data = new List<byte>(seed.Bytes);
        var fields = seed.Fields;
        var stacked = 1 + (_random.Next(8) == 0 ? _random.Next(8) : _random.Next(3));
        for (var i = 0; i < stacked; i++)
        {
            Mutate(data, fields);
            if (data.Count > _maxBytes)
            {
                data.RemoveRange(_maxBytes, data.Count - _maxBytes);
            }
        }

        return [.. data];
    }

    private void Mutate(List<byte> data, IReadOnlyList<LengthField> fields)
    {
        switch (_random.Next(12))
        {
            case 0:
                FlipBit(data);
                break;
            case 1:
                SetByte(data);
                break;
            case 2:
                InsertBytes(data);
                break;
            case 3:
                DeleteBytes(data);
                break;
            case 4:
            case 5:
                WriteInterestingInteger(data, _random.Next(data.Count + 1));
                break;
            case 6:
            case 7:
                EditLengthField(data, fields);
                break;
            case 8:
                Truncate(data);
                break;
            case 9:
                Splice(data);
                break;
            case 10:
                DuplicateRegion(data);
                break;
            default:
                InsertToken(data);
                break;
        }
    }

    private void FlipBit(List<byte> data)
    {
        if (data.Count > 0)
        {
            var at = _random.Next(data.Count);
            data[at] ^= (byte)(1 << _random.Next(8));
        }
    }

    private void SetByte(List<byte> data)
    {
        if (data.Count > 0)
        {
            ReadOnlySpan<byte> interesting = [0, 1, 0x7f, 0x80, 0xff, (byte)'{', (byte)'"', (byte)'[', 0xc0, 0xef];
            data[_random.Next(data.Count)] = _random.Next(2) == 0 ? interesting[_random.Next(interesting.Length)] : (byte)_random.Next(256);
        }
    }

    private void InsertBytes(List<byte> data)
    {
        var count = _random.Next(4) == 0 ? _random.Next(1, 256) : _random.Next(1, 9);
        var bytes = new byte[count];
        if (_random.Next(2) == 0)
        {
            _random.NextBytes(bytes);
        }
        else
        {
            Array.Fill(bytes, (byte)_random.Next(256));
        }

        data.InsertRange(_random.Next(data.Count + 1), bytes);
    }

    private void DeleteBytes(List<byte> data)
    {
        if (data.Count > 0)
        {
            var at = _random.Next(data.Count);
            data.RemoveRange(at, Math.Min(data.Count - at, _random.Next(4) == 0 ? _random.Next(1, 128) : _random.Next(1, 9)));
        }
    }

    private void WriteInterestingInteger(List<byte> data, int at)
    {
        ReadOnlySpan<int> widths = [1, 2, 4, 8];
        var width = widths[_random.Next(widths.Length)];
        var value = _random.Next(4) == 0 ? data.Count - at + _random.Next(-4, 5) : InterestingIntegers[_random.Next(InterestingIntegers.Length)];
        Span<byte> bytes = stackalloc byte[8];
        var bigEndian = _random.Next(8) == 0;
        if (bigEndian)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            bytes = bytes[(8 - width)..];
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            bytes = bytes[..width];
        }

        for (var i = 0; i < width; i++)
        {
            if (at + i < data.Count)
            {
                data[at + i] = bytes[i];
            }
            else
            {
                data.Add(bytes[i]);
            }
        }
    }

    /// <summary>Changes a length or count field: a declared one, else a little-endian value that could count what follows.</summary>
    private void EditLengthField(List<byte> data, IReadOnlyList<LengthField> fields)
    {
        var declared = fields.Where(f => f.Offset + f.Width <= data.Count).ToList();
        LengthField field;
        if (declared.Count > 0 && _random.Next(4) != 0)
        {
            field = declared[_random.Next(declared.Count)];
        }
        else if (FindPlausibleLength(data) is { } found)
        {
            field = found;
        }
        else
        {
            WriteInterestingInteger(data, _random.Next(data.Count + 1));
            return;
        }

        var current = ReadLittleEndian(data, field);
        var value = _random.Next(6) switch
        {
            0 => current + _random.Next(1, 5),
            1 => current - _random.Next(1, 5),
            2 => current * 2,
            3 => 0,
            4 => -1,
            _ => InterestingIntegers[_random.Next(InterestingIntegers.Length)],
        };
        for (var i = 0; i < field.Width; i++)
        {
            data[field.Offset + i] = (byte)(value >> (8 * i));
        }
    }

    private LengthField? FindPlausibleLength(List<byte> data)
    {
        ReadOnlySpan<int> widths = [2, 4];
        for (var attempt = 0; attempt < 16 && data.Count >= 2; attempt++)
        {
            var width = widths[_random.Next(widths.Length)];
            if (data.Count < width)
            {
                continue;
            }

            var at = _random.Next(data.Count - width + 1);
            var field = new LengthField(at, width);
            var value = ReadLittleEndian(data, field);
            var rest = data.Count - at - width;
            if (value > 0 && value <= rest)
            {
                return field;
            }
        }

        return null;
    }

    private static long ReadLittleEndian(List<byte> data, LengthField field)
    {
        long value = 0;
        for (var i = field.Width - 1; i >= 0; i--)
        {
            value = (value << 8) | data[field.Offset + i];
        }

        return field.Width switch
        {
            1 => (sbyte)value,
            2 => (short)value,
            4 => (int)value,
            _ => value,
        };
    }

    private void Truncate(List<byte> data)
    {
        if (data.Count > 0)
        {
            var keep = _random.Next(data.Count);
            data.RemoveRange(keep, data.Count - keep);
        }
    }

    private void Splice(List<byte> data)
    {
        var other = _seeds[_random.Next(_seeds.Count)].Bytes;
        var cut = _random.Next(data.Count + 1);
        var from = _random.Next(other.Length + 1);
        data.RemoveRange(cut, data.Count - cut);
        data.AddRange(other.AsSpan(from).ToArray());
    }

    private void DuplicateRegion(List<byte> data)
    {
        if (data.Count == 0)
        {
            return;
        }

        var start = _random.Next(data.Count);
        var length = Math.Min(data.Count - start, _random.Next(1, 64));
        var region = data.GetRange(start, length);
        var times = _random.Next(4) == 0 ? _random.Next(2, 64) : 1;
        var at = _random.Next(data.Count + 1);
        for (var i = 0; i < times && data.Count < _maxBytes; i++)
        {
            data.InsertRange(at, region);
        }
    }

    private void InsertToken(List<byte> data)
    {
        if (_tokens.Count == 0)
        {
            WriteInterestingInteger(data, _random.Next(data.Count + 1));
            return;
        }

        var token = _tokens[_random.Next(_tokens.Count)];
        var at = _random.Next(data.Count + 1);
        if (_random.Next(2) == 0)
        {
            data.InsertRange(at, token);
        }
        else
        {
            for (var i = 0; i < token.Length; i++)
            {
                if (at + i < data.Count)
                {
                    data[at + i] = token[i];
                }
                else
                {
                    data.Add(token[i]);
                }
            }
        }
    }
}
