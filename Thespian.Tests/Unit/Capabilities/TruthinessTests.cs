using System.Collections;
using System.Numerics;

namespace Thespian.Tests.Unit.Capabilities;

/// <summary>Python truthiness, as <c>[RequireCapability(name)]</c> applies it to a capability's value.</summary>
public sealed class TruthinessTests
{
    private static IEnumerable<TestCaseData> NumericZeros()
    {
        yield return Named((sbyte)0);
        yield return Named((byte)0);
        yield return Named((short)0);
        yield return Named((ushort)0);
        yield return Named(0);
        yield return Named(0u);
        yield return Named(0L);
        yield return Named(0UL);
        yield return Named((nint)0);
        yield return Named((nuint)0);
        yield return Named(Int128.Zero);
        yield return Named(UInt128.Zero);
        yield return Named(BigInteger.Zero);
        yield return Named(0f);
        yield return Named(0d);
        yield return Named(-0d);
        yield return Named(0m);
        yield return Named(Half.Zero);
    }

    private static IEnumerable<TestCaseData> NumericNonZeros()
    {
        yield return Named((sbyte)-1);
        yield return Named((byte)1);
        yield return Named((short)-2);
        yield return Named((ushort)2);
        yield return Named(5);
        yield return Named(5u);
        yield return Named(-5L);
        yield return Named(5UL);
        yield return Named((nint)5);
        yield return Named((nuint)5);
        yield return Named(Int128.One);
        yield return Named(UInt128.One);
        yield return Named(BigInteger.One);
        yield return Named(0.5f);
        yield return Named(double.Epsilon);
        yield return Named(0.01m);
        yield return Named(Half.One);
        yield return Named(double.PositiveInfinity);
    }

    private static TestCaseData Named(object value) =>
        new TestCaseData(value).SetArgDisplayNames($"{value.GetType().Name} {value}");

    [Test]
    public void IsTruthy_Null_IsFalse() => Assert.That(Truthiness.IsTruthy(null), Is.False);

    [Test]
    public void IsTruthy_False_IsFalse() => Assert.That(Truthiness.IsTruthy(false), Is.False);

    [Test]
    public void IsTruthy_True_IsTrue() => Assert.That(Truthiness.IsTruthy(true), Is.True);

    [TestCaseSource(nameof(NumericZeros))]
    public void IsTruthy_NumericZeroOfAnyType_IsFalse(object zero) =>
        Assert.That(Truthiness.IsTruthy(zero), Is.False);

    [TestCaseSource(nameof(NumericNonZeros))]
    public void IsTruthy_NumericNonZeroOfAnyType_IsTrue(object nonZero) =>
        Assert.That(Truthiness.IsTruthy(nonZero), Is.True);

    [TestCase(double.NaN)]
    [TestCase(float.NaN)]
    public void IsTruthy_NaN_IsTrueAsInPython(object nan) => Assert.That(Truthiness.IsTruthy(nan), Is.True);

    [Test]
    public void IsTruthy_HalfNaN_IsTrueAsInPython() => Assert.That(Truthiness.IsTruthy(Half.NaN), Is.True);

    [Test]
    public void IsTruthy_EmptyString_IsFalse() => Assert.That(Truthiness.IsTruthy(string.Empty), Is.False);

    [TestCase("x")]
    [TestCase(" ")]
    [TestCase("0")]
    [TestCase("False")]
    public void IsTruthy_NonEmptyString_IsTrue(string text) => Assert.That(Truthiness.IsTruthy(text), Is.True);

    private static IEnumerable<TestCaseData> EmptyCollections()
    {
        yield return new TestCaseData(Array.Empty<int>()).SetArgDisplayNames("int[0]");
        yield return new TestCaseData(new List<string>()).SetArgDisplayNames("List");
        yield return new TestCaseData(new Dictionary<string, object?>()).SetArgDisplayNames("Dictionary");
        yield return new TestCaseData(new HashSet<int>()).SetArgDisplayNames("HashSet");
        yield return new TestCaseData(new ArrayList()).SetArgDisplayNames("ArrayList");
        yield return new TestCaseData(NothingLazily()).SetArgDisplayNames("empty iterator");
    }

    private static IEnumerable<TestCaseData> NonEmptyCollections()
    {
        yield return new TestCaseData(Seq.Of(0)).SetArgDisplayNames("int[1]");
        yield return new TestCaseData(new List<string> { string.Empty }).SetArgDisplayNames("List");
        yield return new TestCaseData(new Dictionary<string, object?> { ["k"] = null }).SetArgDisplayNames("Dictionary");
        yield return new TestCaseData(new HashSet<int> { 0 }).SetArgDisplayNames("HashSet");
        yield return new TestCaseData(new ArrayList { false }).SetArgDisplayNames("ArrayList");
        yield return new TestCaseData(OneLazily()).SetArgDisplayNames("one-item iterator");
    }

    [TestCaseSource(nameof(EmptyCollections))]
    public void IsTruthy_EmptyCollection_IsFalse(IEnumerable empty) =>
        Assert.That(Truthiness.IsTruthy(empty), Is.False);

    [TestCaseSource(nameof(NonEmptyCollections))]
    public void IsTruthy_NonEmptyCollectionEvenOfFalsyItems_IsTrue(IEnumerable nonEmpty) =>
        Assert.That(Truthiness.IsTruthy(nonEmpty), Is.True);

    [Test]
    public void IsTruthy_EmptyIteratorThatIsNotACollection_IsFalseAndIsDisposed()
    {
        var sequence = new TrackedSequence(0);

        Assert.That(Truthiness.IsTruthy(sequence), Is.False);
        Assert.That(sequence.Disposed, Is.True, "the enumerator is disposed after the check");
    }

    [Test]
    public void IsTruthy_ArbitraryObject_IsTrue()
    {
        Assert.That(Truthiness.IsTruthy(new object()), Is.True);
        Assert.That(Truthiness.IsTruthy(new Uri("http://localhost/")), Is.True);
        Assert.That(Truthiness.IsTruthy(ActorAddress.CreateNew()), Is.True);
    }

    private static IEnumerable<int> NothingLazily()
    {
        yield break;
    }

    private static IEnumerable<int> OneLazily()
    {
        yield return 0;
    }

    /// <summary>An enumerable that is not a collection and notes whether its enumerator was disposed.</summary>
    private sealed class TrackedSequence(int count) : IEnumerable<int>
    {
        public bool Disposed { get; private set; }

        public IEnumerator<int> GetEnumerator()
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    yield return i;
                }
            }
            finally
            {
                Disposed = true;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
