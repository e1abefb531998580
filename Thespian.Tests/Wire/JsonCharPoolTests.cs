using Thespian.Wire;

namespace Thespian.Tests.Wire;

public sealed class JsonCharPoolTests
{
    [Test]
    public void Return_BufferLargerThanTheLimit_IsNotKeptForTheNextRent()
    {
        var large = JsonCharPool.Instance.Rent(JsonCharPool.MaxPooledChars + 1);

        JsonCharPool.Instance.Return(large);
        var next = JsonCharPool.Instance.Rent(JsonCharPool.MaxPooledChars + 1);
        JsonCharPool.Instance.Return(next);

        Assert.That(next, Is.Not.SameAs(large), "a large message's buffer goes to the collector, not to the shared pool");
    }

    [Test]
    public void Return_Null_IsIgnored() => Assert.DoesNotThrow(() => JsonCharPool.Instance.Return(null));
}
