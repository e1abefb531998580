using Thespian.Admin.Admin.Convention;

namespace Thespian.Tests.Unit;

/// <summary>How "Convention Address.IPv4" is read: leaders as "host:port", refused with a clear message otherwise.</summary>
public sealed class ConventionSettingsTests
{
    [Test]
    public void Leaders_AsACommaSeparatedStringOrAList_AreReadInOrder()
    {
        Assert.That(ConventionSettings.ParseLeaders("10.0.0.1:1900, 10.0.0.2:1900"), Is.EqualTo(new[] { "10.0.0.1:1900", "10.0.0.2:1900" }));
        Assert.That(ConventionSettings.ParseLeaders(new object[] { "leader.example:1900" }), Is.EqualTo(new[] { "leader.example:1900" }));
    }

    [TestCase(":1900")]
    [TestCase("10.0.0.1")]
    [TestCase("10.0.0.1:1900,:1901")]
    public void ALeaderWithoutHostOrPort_IsRefused_SayingWhatIsExpected(string value)
    {
        var refused = Assert.Throws<ArgumentException>(() => ConventionSettings.ParseLeaders(value));

        Assert.That(refused!.Message, Does.Contain("Convention Address.IPv4").And.Contain("host:port"));
    }
}
