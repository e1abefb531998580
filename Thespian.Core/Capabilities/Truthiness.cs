using System.Collections;
using System.Globalization;

namespace Thespian;

/// <summary>Python's truth and equality rules, as capability checks use them.</summary>
internal static class Truthiness
{
    /// <summary>
    /// Python truthiness: null, false, numeric zero, "" and empty collections are false; everything
    /// else (including NaN, as in Python) is true.
    /// </summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length != 0,
        char c => c != '\0',
        _ when IsNumber(value) => !IsZero(value),
        ICollection collection => collection.Count != 0,
        IEnumerable enumerable => HasAny(enumerable),
        _ => true,
    };

    /// <summary>Equality as Python's <c>==</c> sees it for capability values: numbers by value across types.</summary>
    public static bool ValuesEqual(object? actual, object? expected)
    {
        if (actual is null || expected is null)
        {
            return actual is null && expected is null;
        }

        if (IsNumber(actual) && IsNumber(expected))
        {
            return ToDouble(actual) == ToDouble(expected)
                   && (!IsIntegral(actual) || !IsIntegral(expected) || ToDecimal(actual) == ToDecimal(expected));
        }

        return actual.Equals(expected);
    }

    private static bool IsNumber(object value) => value is sbyte or byte or short or ushort or int or uint or long
        or ulong or float or double or decimal or Int128 or UInt128 or Half;

    private static bool IsIntegral(object value) => value is sbyte or byte or short or ushort or int or uint or long
        or ulong or Int128 or UInt128;

    private static bool IsZero(object value) => value switch
    {
        double d => d == 0,
        float f => f == 0,
        Half h => h == Half.Zero,
        decimal m => m == 0,
        Int128 i => i == 0,
        UInt128 u => u == 0,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture) == 0,
    };

    private static double ToDouble(object value) => value switch
    {
        Half h => (double)h,
        Int128 i => (double)i,
        UInt128 u => (double)u,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static decimal ToDecimal(object value) => value switch
    {
        Int128 i => (decimal)i,
        UInt128 u => (decimal)u,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

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
