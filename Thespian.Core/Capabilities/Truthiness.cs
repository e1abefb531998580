using System.Collections;
using System.Globalization;
using System.Numerics;

namespace Thespian;

/// <summary>Python's truth and equality rules, as capability checks use them.</summary>
internal static class Truthiness
{
    /// <summary>
    /// Python truthiness: null, false, numeric zero, "" and empty collections are false; everything
    /// else (including NaN and any character, as in Python) is true.
    /// </summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length != 0,
        _ when IsNumber(value) => !IsZero(value),
        ICollection collection => collection.Count != 0,
        IEnumerable enumerable => HasAny(enumerable),
        _ => true,
    };

    /// <summary>
    /// Equality as Python's <c>==</c> sees it for capability values: numbers by exact value across types
    /// (integers against floats without rounding), sequences item by item, dictionaries key by key.
    /// </summary>
    public static bool ValuesEqual(object? actual, object? expected)
    {
        if (actual is null || expected is null)
        {
            return actual is null && expected is null;
        }

        if (IsNumber(actual) && IsNumber(expected))
        {
            return NumbersEqual(actual, expected);
        }

        if (actual is IDictionary actualMap && expected is IDictionary expectedMap)
        {
            return DictionariesEqual(actualMap, expectedMap);
        }

        if (actual is IEnumerable actualItems and not string && expected is IEnumerable expectedItems and not string)
        {
            return SequencesEqual(actualItems, expectedItems);
        }

        return actual.Equals(expected);
    }

    /// <summary>Whether two capability sets hold the same names with equal values (<see cref="ValuesEqual"/> for each).</summary>
    public static bool SameCapabilities(IReadOnlyDictionary<string, object?> left, IReadOnlyDictionary<string, object?> right) =>
        left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var other) && ValuesEqual(pair.Value, other));

    private static bool IsNumber(object value) => IsIntegral(value) || IsFloating(value);

    private static bool IsIntegral(object value) => value is sbyte or byte or short or ushort or int or uint or long
        or ulong or Int128 or UInt128 or nint or nuint or BigInteger;

    private static bool IsFloating(object value) => value is float or double or decimal or Half;

    private static bool IsZero(object value) => IsIntegral(value) ? ToBigInteger(value).IsZero : ToDouble(value) == 0;

    private static bool NumbersEqual(object left, object right)
    {
        if (IsIntegral(left) && IsIntegral(right))
        {
            return ToBigInteger(left) == ToBigInteger(right);
        }

        if (IsIntegral(left) || IsIntegral(right))
        {
            var (integral, floating) = IsIntegral(left) ? (left, right) : (right, left);
            return FloatingEqualsIntegral(floating, ToBigInteger(integral));
        }

        if (left is decimal leftDecimal && right is decimal rightDecimal)
        {
            return leftDecimal == rightDecimal;
        }

        return ToDouble(left) == ToDouble(right);
    }

    /// <summary>Exact comparison: a float equals an integer only when it has no fraction and the same value.</summary>
    private static bool FloatingEqualsIntegral(object floating, BigInteger integral)
    {
        if (floating is decimal m)
        {
            return decimal.Truncate(m) == m && new BigInteger(m) == integral;
        }

        var d = ToDouble(floating);
        return double.IsFinite(d) && Math.Floor(d) == d && new BigInteger(d) == integral;
    }

    private static BigInteger ToBigInteger(object value) => value switch
    {
        BigInteger b => b,
        Int128 i => (BigInteger)i,
        UInt128 u => (BigInteger)u,
        nint n => n,
        nuint n => n,
        ulong u => u,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static double ToDouble(object value) => value switch
    {
        Half h => (double)h,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static bool SequencesEqual(IEnumerable left, IEnumerable right)
    {
        var leftItems = left.Cast<object?>().ToList();
        var rightItems = right.Cast<object?>().ToList();
        return leftItems.Count == rightItems.Count && leftItems.Zip(rightItems).All(pair => ValuesEqual(pair.First, pair.Second));
    }

    private static bool DictionariesEqual(IDictionary left, IDictionary right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (DictionaryEntry entry in left)
        {
            if (!right.Contains(entry.Key) || !ValuesEqual(entry.Value, right[entry.Key]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasAny(IEnumerable enumerable)
    {
        var enumerator = enumerable.GetEnumerator();
        try
        {
            return enumerator.MoveNext();
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
    }
}
