namespace Thespian;

/// <summary>
/// Requires a capability of the system that runs the actor: present and truthy (Python rules: null,
/// false, 0, "" and empty collections are false), or equal to a given value. Repeat it for several
/// requirements; all must pass, together with <see cref="ICapabilityCheck"/> if the type implements it.
/// Python name: <c>@requireCapability</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class RequireCapabilityAttribute : Attribute
{
    /// <summary>Requires the capability to be present with a truthy value.</summary>
    /// <param name="capabilityName">The capability's name.</param>
    public RequireCapabilityAttribute(string capabilityName)
    {
        ArgumentNullException.ThrowIfNull(capabilityName);
        CapabilityName = capabilityName;
    }

    /// <summary>Requires the capability to be present and equal to <paramref name="value"/>.</summary>
    /// <param name="capabilityName">The capability's name.</param>
    /// <param name="value">The value it must have (numbers compare by value across numeric types).</param>
    public RequireCapabilityAttribute(string capabilityName, object value)
    {
        ArgumentNullException.ThrowIfNull(capabilityName);
        CapabilityName = capabilityName;
        Value = value;
        HasValue = true;
    }

    /// <summary>The capability's name.</summary>
    public string CapabilityName { get; }

    /// <summary>The value the capability must equal, when <see cref="HasValue"/> is true.</summary>
    public object? Value { get; }

    /// <summary>Whether a specific value is required (else any truthy value passes).</summary>
    public bool HasValue { get; }

    /// <summary>Whether <paramref name="capabilities"/> satisfy this requirement.</summary>
    /// <param name="capabilities">A system's capabilities.</param>
    /// <returns>True when the requirement is met.</returns>
    public bool IsSatisfiedBy(IReadOnlyDictionary<string, object?> capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        return IsMet(capabilities, CapabilityName, HasValue, Value);
    }

    /// <summary>The rule itself, for a requirement held as data (one sent with a create to an admin).</summary>
    internal static bool IsMet(IReadOnlyDictionary<string, object?> capabilities, string name, bool hasValue, object? value) =>
        capabilities.TryGetValue(name, out var actual) &&
        (hasValue ? Truthiness.ValuesEqual(actual, value) : Truthiness.IsTruthy(actual));
}
