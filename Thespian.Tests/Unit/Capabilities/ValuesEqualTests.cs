using Thespian.Runtime;

namespace Thespian.Tests.Unit.Capabilities;

/// <summary>Python's <c>==</c> for capability values, as <c>[RequireCapability(name, value)]</c> applies it.</summary>
public sealed class ValuesEqualTests
{
    private static IEnumerable<TestCaseData> FiveInEveryType()
    {
        object[] fives = [(sbyte)5, (byte)5, (short)5, (ushort)5, 5, 5u, 5L, 5UL, (Int128)5, (UInt128)5, 5f, 5d, 5m, (Half)5];
        foreach (var left in fives)
        {
            foreach (var right in fives)
            {
                yield return new TestCaseData(left, right)
                    .SetArgDisplayNames($"{left.GetType().Name} {left}", $"{right.GetType().Name} {right}");
            }
        }
    }

    [TestCaseSource(nameof(FiveInEveryType))]
    public void ValuesEqual_SameNumberInAnyTwoNumericTypes_IsTrue(object left, object right) =>
        Assert.That(Truthiness.ValuesEqual(left, right), Is.True);

    private static IEnumerable<TestCaseData> FiveInOtherNumericTypes()
    {
        yield return new TestCaseData(new System.Numerics.BigInteger(5)).SetArgDisplayNames("BigInteger 5");
        yield return new TestCaseData((nint)5).SetArgDisplayNames("IntPtr 5");
    }

    [TestCaseSource(nameof(FiveInOtherNumericTypes))]
    public void ValuesEqual_FiveInOtherNumericTypesAndIntFive_IsTrue(object five)
    {
        Assert.That(Truthiness.ValuesEqual(five, 5), Is.True);
        Assert.That(Truthiness.ValuesEqual(5, five), Is.True);
    }

    [TestCase(5, 6L)]
    [TestCase(5, 5.5)]
    [TestCase(5L, -5)]
    [TestCase(0.1, 0.2)]
    public void ValuesEqual_DifferentNumbers_IsFalse(object left, object right) =>
        Assert.That(Truthiness.ValuesEqual(left, right), Is.False);

    [Test]
    public void ValuesEqual_LargeLongsThatDifferByOne_IsFalse()
    {
        // Both round to the same double; the comparison must not lose the difference.
        Assert.That(Truthiness.ValuesEqual(long.MaxValue, long.MaxValue - 1), Is.False);
        Assert.That(Truthiness.ValuesEqual(ulong.MaxValue, ulong.MaxValue - 1), Is.False);
    }

    [Test]
    public void ValuesEqual_LongAndDoubleThatDifferBeyondDoublePrecision_IsFalse()
    {
        // Python: 9007199254740993 == 9007199254740992.0 is False (int/float compare exactly).
        Assert.That(Truthiness.ValuesEqual(9_007_199_254_740_993L, 9_007_199_254_740_992d), Is.False);
    }

    [Test]
    public void ValuesEqual_NaNAndNaN_IsFalseAsInPython() =>
        Assert.That(Truthiness.ValuesEqual(double.NaN, double.NaN), Is.False);

    [Test]
    public void ValuesEqual_EqualStrings_IsTrue() =>
        Assert.That(Truthiness.ValuesEqual("Yellow", string.Concat("Yel", "low")), Is.True);

    [TestCase("Yellow", "yellow")]
    [TestCase("Yellow", "Yellow ")]
    [TestCase("Yellow", "")]
    public void ValuesEqual_DifferentStrings_IsFalse(string left, string right) =>
        Assert.That(Truthiness.ValuesEqual(left, right), Is.False);

    [Test]
    public void ValuesEqual_NumberAndItsText_IsFalse()
    {
        Assert.That(Truthiness.ValuesEqual(5, "5"), Is.False);
        Assert.That(Truthiness.ValuesEqual("5", 5), Is.False);
    }

    [Test]
    public void ValuesEqual_SequencesWithEqualItems_IsTrueAsForPythonLists()
    {
        // Python: [1, 0] == [1, 0] is True. "Thespian Generation" itself is such a list.
        Assert.That(Truthiness.ValuesEqual(CapabilitySet.Generation, Seq.Of(1, 0)), Is.True);
    }

    [Test]
    public void ValuesEqual_SequencesWithDifferentItems_IsFalse()
    {
        Assert.That(Truthiness.ValuesEqual(Seq.Of(1, 0), Seq.Of(1, 1)), Is.False);
    }

    [Test]
    public void ValuesEqual_NullAndNull_IsTrue() => Assert.That(Truthiness.ValuesEqual(null, null), Is.True);

    [Test]
    public void ValuesEqual_NullAndAValue_IsFalseEitherWay()
    {
        Assert.That(Truthiness.ValuesEqual(null, 0), Is.False);
        Assert.That(Truthiness.ValuesEqual(0, null), Is.False);
        Assert.That(Truthiness.ValuesEqual(null, string.Empty), Is.False);
    }

    [Test]
    public void ValuesEqual_BoolsAndOtherEquatables_UseTheirEquality()
    {
        Assert.That(Truthiness.ValuesEqual(true, true), Is.True);
        Assert.That(Truthiness.ValuesEqual(true, false), Is.False);
        Assert.That(Truthiness.ValuesEqual(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1000)), Is.True);
    }
}
