using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;

namespace Thespian.Benchmarks.Scenarios.Convention;

/// <summary>Creates a <see cref="DogEcho"/> from one system that its convention places on a chosen member.</summary>
internal static class DogPlacement
{
    /// <summary>How many creates may land elsewhere first (the leader spreads them, fewest placed first).</summary>
    private const int Attempts = 4;

    /// <summary>
    /// Creates dogs from <paramref name="from"/> until one runs in a process of <paramref name="member"/>; the others are
    /// asked to exit. Returns the one on the member.
    /// </summary>
    public static ActorAddress CreateOn(SystemLease from, SystemLease member)
    {
        var elsewhere = new List<ActorAddress>();
        try
        {
            for (var i = 0; i < Attempts; i++)
            {
                var dog = from.System.CreateActor<DogEcho>();
                if (member.LearnProcesses().Contains(ScenarioContext.ProcessOf(from.System, dog)))
                {
                    return dog;
                }

                elsewhere.Add(dog);
            }

            throw new InvalidOperationException($"None of {Attempts} dogs created from {from.System.SystemAddress} ran on {member.System.SystemAddress}.");
        }
        finally
        {
            foreach (var dog in elsewhere)
            {
                from.System.Tell(dog, new ActorExitRequest());
            }
        }
    }
}
