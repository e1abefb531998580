namespace Thespian.Tests.Infrastructure;

/// <summary>
/// The system bases the behavioural fixtures run on. Every fixture in Behaviour/ takes its base from
/// here, so a new base joins every scenario by being added to <see cref="All"/>.
/// </summary>
public static class TestBases
{
    /// <summary>Every base that exists today.</summary>
    public static IEnumerable<string> All => [SystemBaseNames.Simple, SystemBaseNames.MultiprocTcp, SystemBaseNames.MultiprocUdp];
}
