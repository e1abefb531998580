namespace Thespian.Tests.PublicApi;

/// <summary>
/// The renderer itself, on a sample type that uses every feature it must show: if it dropped modifiers,
/// nullability or defaults, the approval test would miss those changes to the real API.
/// </summary>
public sealed class PublicApiRendererTests
{
    [Test]
    public void RenderType_SampleClass_ShowsEveryVisibleMemberWithModifiersDefaultsAndNullability()
    {
        var lines = PublicApiRenderer.RenderType(typeof(RendererSamples.Sample<>)).ToList();

        const string Owner = "Thespian.Tests.PublicApi.RendererSamples.Sample<T>: ";
        Assert.That(lines, Is.EqualTo(new List<string>
        {
            Owner + "public abstract class Sample<T> : System.IDisposable where T : class, new()",
            Owner + "protected Sample()",
            Owner + "protected abstract T Make()",
            Owner + "protected string? Text { get; set; }",
            Owner + "public Sample(int count, string? label = \"a\\\"b\", System.Threading.CancellationToken token = default, System.TimeSpan? wait = null, params int[] rest)",
            Owner + "public const int Answer = 42",
            Owner + "public event System.EventHandler<string?>? Changed",
            Owner + "public int Init { get; init; }",
            Owner + "public int this[int index] { get; }",
            Owner + "public static Thespian.Tests.PublicApi.RendererSamples.Sample<T>? operator +(Thespian.Tests.PublicApi.RendererSamples.Sample<T> sample, int amount)",
            Owner + "public static readonly string? Name",
            Owner + "public string? Label { get; protected set; }",
            Owner + "public virtual System.Collections.Generic.IReadOnlyList<string?> Hook(ref int a, out int b, in int c, Thespian.Tests.PublicApi.RendererSamples.Mode mode = Thespian.Tests.PublicApi.RendererSamples.Mode.On)",
            Owner + "public void Dispose()",
            Owner + "public void Raise()",
        }));
    }

    [Test]
    public void RenderType_EnumWithUnderlyingType_ListsItsValues()
    {
        Assert.That(PublicApiRenderer.RenderType(typeof(RendererSamples.Mode)), Is.EqualTo(new List<string>
        {
            "Thespian.Tests.PublicApi.RendererSamples.Mode: public enum Mode : byte",
            "Thespian.Tests.PublicApi.RendererSamples.Mode: Off = 0",
            "Thespian.Tests.PublicApi.RendererSamples.Mode: On = 1",
        }));
    }

    [Test]
    public void RenderType_Delegate_IsOneLineWithItsSignature()
    {
        Assert.That(PublicApiRenderer.RenderType(typeof(RendererSamples.Check)), Is.EqualTo(new List<string>
        {
            "Thespian.Tests.PublicApi.RendererSamples.Check: public delegate bool Check(string? input)",
        }));
    }

    [Test]
    public void RenderType_SealedOverrideAndStaticClass_AreMarked()
    {
        var derived = PublicApiRenderer.RenderType(typeof(RendererSamples.Derived)).ToList();
        var statics = PublicApiRenderer.RenderType(typeof(RendererSamples)).First();

        Assert.That(derived, Does.Contain("Thespian.Tests.PublicApi.RendererSamples.Derived: public sealed override string ToString()"));
        Assert.That(derived, Does.Contain("Thespian.Tests.PublicApi.RendererSamples.Derived: protected override object Make()"));
        Assert.That(statics, Is.EqualTo("Thespian.Tests.PublicApi.RendererSamples: public static class RendererSamples"));
    }
}

#pragma warning disable CA1068, CA1034, CA1051, CA1063, CA1816, CA1819, CA1003, CA1028, CA1711, CA2211, CA2225, IDE0060
/// <summary>Types for <see cref="PublicApiRendererTests"/>; public so that their visibility is what a consumer would see.</summary>
public static class RendererSamples
{
    public enum Mode : byte
    {
        Off = 0,
        On = 1,
    }

    public delegate bool Check(string? input);

    public abstract class Sample<T> : IDisposable
        where T : class, new()
    {
        public const int Answer = 42;
        public static readonly string? Name;

        protected Sample()
        {
        }

        public Sample(int count, string? label = "a\"b", CancellationToken token = default, TimeSpan? wait = null, params int[] rest)
        {
        }

        public event EventHandler<string?>? Changed;

        public string? Label { get; protected set; }

        public int Init { get; init; }

        protected string? Text { get; set; }

        internal int Hidden { get; set; }

        public int this[int index] => index;

        public static Sample<T>? operator +(Sample<T> sample, int amount) => sample;

        public virtual IReadOnlyList<string?> Hook(ref int a, out int b, in int c, Mode mode = Mode.On)
        {
            b = a + c;
            return [];
        }

        public void Raise() => Changed?.Invoke(this, null);

        public void Dispose()
        {
        }

        internal void NotVisible()
        {
        }

        private protected void AlsoNotVisible()
        {
        }

        protected abstract T Make();
    }

    public class Derived : Sample<object>
    {
        public sealed override string ToString() => "derived";

        protected override object Make() => new();
    }
}
#pragma warning restore CA1068, CA1034, CA1051, CA1063, CA1816, CA1819, CA1003, CA1028, CA1711, CA2211, CA2225, IDE0060
