using System.Globalization;

namespace Thespian.Wire;

/// <summary>The codes and invariant text forms of primitives that JSON alone would not bring back as themselves.</summary>
internal static class TypedPrimitives
{
    /// <summary>The code of an enum value: <c>["e", "Type, Assembly", number]</c>.</summary>
    public const string EnumCode = "e";

    /// <summary>The code of an actor address in an object-typed place: <c>["a", "id@endpoint"]</c>.</summary>
    public const string AddressCode = "a";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The code and text of a primitive that needs one.</summary>
    public static bool TryGetCode(object value, out string code, out string text)
    {
        (code, text) = value switch
        {
            int v => ("i4", v.ToString(Invariant)),
            short v => ("i2", v.ToString(Invariant)),
            sbyte v => ("i1", v.ToString(Invariant)),
            byte v => ("u1", v.ToString(Invariant)),
            ushort v => ("u2", v.ToString(Invariant)),
            uint v => ("u4", v.ToString(Invariant)),
            ulong v => ("u8", v.ToString(Invariant)),
            Int128 v => ("i16", v.ToString(Invariant)),
            UInt128 v => ("u16", v.ToString(Invariant)),
            float v => ("r4", v.ToString("R", Invariant)),
            double v => ("r8", v.ToString("R", Invariant)),
            Half v => ("r2", v.ToString(Invariant)),
            decimal v => ("m", v.ToString(Invariant)),
            char v => ("c", v.ToString()),
            DateTime v => ("dt", v.ToString("O", Invariant)),
            DateTimeOffset v => ("dto", v.ToString("O", Invariant)),
            DateOnly v => ("do", v.ToString("O", Invariant)),
            TimeOnly v => ("to", v.ToString("O", Invariant)),
            TimeSpan v => ("ts", v.ToString("c", Invariant)),
            Guid v => ("g", v.ToString("D")),
            byte[] v => ("b", Convert.ToBase64String(v)),
            Uri v => ("uri", v.OriginalString),
            Version v => ("ver", v.ToString()),
            _ => (string.Empty, string.Empty),
        };
        return code.Length != 0;
    }

    /// <summary>Parses a primitive from its code and text.</summary>
    /// <exception cref="Newtonsoft.Json.JsonSerializationException">Unknown code or malformed text.</exception>
    public static object Parse(string code, string text)
    {
        try
        {
            return code switch
            {
                "i4" => int.Parse(text, Invariant),
                "i2" => short.Parse(text, Invariant),
                "i1" => sbyte.Parse(text, Invariant),
                "u1" => byte.Parse(text, Invariant),
                "u2" => ushort.Parse(text, Invariant),
                "u4" => uint.Parse(text, Invariant),
                "u8" => ulong.Parse(text, Invariant),
                "i16" => Int128.Parse(text, Invariant),
                "u16" => UInt128.Parse(text, Invariant),
                "r4" => float.Parse(text, Invariant),
                "r8" => double.Parse(text, Invariant),
                "r2" => Half.Parse(text, Invariant),
                "m" => decimal.Parse(text, Invariant),
                "c" when text.Length == 1 => text[0],
                "dt" => DateTime.Parse(text, Invariant, DateTimeStyles.RoundtripKind),
                "dto" => DateTimeOffset.Parse(text, Invariant, DateTimeStyles.RoundtripKind),
                "do" => DateOnly.Parse(text, Invariant),
                "to" => TimeOnly.Parse(text, Invariant),
                "ts" => TimeSpan.ParseExact(text, "c", Invariant),
                "g" => Guid.Parse(text),
                "b" => Convert.FromBase64String(text),
                "uri" => new Uri(text, UriKind.RelativeOrAbsolute),
                "ver" => Version.Parse(text),
                _ => throw new Newtonsoft.Json.JsonSerializationException($"Malformed message: unknown value code '{code}'."),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new Newtonsoft.Json.JsonSerializationException($"Malformed message: '{text}' is not a valid '{code}' value.", ex);
        }
    }
}
