using System.Reflection;
using System.Runtime.CompilerServices;

namespace Thespian.Multiproc;

/// <summary>
/// One <see cref="RequireCapabilityAttribute"/> of an actor type as data, sent with a create by the process that knows
/// the type, so the admin — which runs no user code — can check a system's capabilities against it: its own (a create
/// that cannot pass here skips the host), and those of the convention's other systems (only those that pass are asked).
/// A type's <c>ActorSystemCapabilityCheck</c> is user code: only the host that runs the actor can apply it.
/// </summary>
internal sealed record CapabilityRequirement(string Name, object? Value, bool HasValue)
{
    /// <summary>Each type's requirements, read once (a create is no place for reflection); weak, so unloaded sources go.</summary>
    private static readonly ConditionalWeakTable<Type, CapabilityRequirement[]> ByType = new();

    /// <summary>The type's requirements (its attributes and its bases'); null for none or an unknown type.</summary>
    public static IReadOnlyList<CapabilityRequirement>? Of(Type? type)
    {
        if (type is null)
        {
            return null;
        }

        var requirements = ByType.GetValue(type, static t => t.GetCustomAttributes<RequireCapabilityAttribute>(inherit: true)
                                                            .Select(a => new CapabilityRequirement(a.CapabilityName, a.Value, a.HasValue))
                                                            .ToArray());
        return requirements.Length > 0 ? requirements : null;
    }

    /// <summary>Whether every requirement is met by <paramref name="capabilities"/> (true for none).</summary>
    public static bool AllMet(IReadOnlyList<CapabilityRequirement>? requirements, IReadOnlyDictionary<string, object?> capabilities) =>
        requirements is null || requirements.All(r => r.IsSatisfiedBy(capabilities));

    /// <summary>Whether <paramref name="capabilities"/> meet this requirement (as the attribute decides).</summary>
    public bool IsSatisfiedBy(IReadOnlyDictionary<string, object?> capabilities) =>
        RequireCapabilityAttribute.IsMet(capabilities, Name, HasValue, Value);
}
