namespace Thespian.Tests.Loss;

/// <summary>A base the loss tests run on, and the protocol its traffic travels by (the one whose packets are dropped).</summary>
/// <param name="Name">The system base's name (passed to the peer program as --base).</param>
/// <param name="Protocol">What to drop.</param>
public sealed record LossBase(string Name, LossProtocol Protocol)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The bases and loss rates of the loss tests: every scenario runs on each base at each rate.</summary>
public static class LossBases
{
    /// <summary>The multiproc bases, each losing packets of its own protocol.</summary>
    public static IReadOnlyList<LossBase> All { get; } =
    [
        new(SystemBaseNames.MultiprocTcp, LossProtocol.Tcp),
        new(SystemBaseNames.MultiprocUdp, LossProtocol.Udp),
    ];

    /// <summary>The shares of packets dropped, in percent.</summary>
    public static IReadOnlyList<int> Percents { get; } = [5, 20];

    /// <summary>Every (base, percent) pair, as NUnit test cases named after them.</summary>
    public static IEnumerable<TestCaseData> Cases() =>
        from lossBase in All
        from percent in Percents
        select new TestCaseData(lossBase, percent).SetArgDisplayNames(lossBase.Name, $"{percent}% {lossBase.Protocol} loss");
}
