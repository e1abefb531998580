namespace Thespian.Runtime;

/// <summary>
/// What to create: a type, or a type name that the process which runs the actor resolves
/// (in a source first when a source hash is given, then on the actor path).
/// </summary>
internal readonly record struct ActorSpec(Type? Type, string? TypeName)
{
    /// <summary>A spec for a type, validated at once.</summary>
    /// <param name="type">The actor type.</param>
    /// <param name="constructedByFactory">The system constructs actors with a factory: no parameterless constructor is needed.</param>
    public static ActorSpec For(Type type, bool constructedByFactory = false)
    {
        ArgumentNullException.ThrowIfNull(type);
        _ = constructedByFactory ? ActorTypeInfo.GetForFactory(type) : ActorTypeInfo.Get(type);
        return new ActorSpec(type, null);
    }

    /// <summary>A spec for a type name, resolved where the actor will run.</summary>
    public static ActorSpec For(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        if (string.IsNullOrWhiteSpace(typeName))
        {
            throw new InvalidActorSpecificationException(
                "The actor type name is empty; give a namespace-qualified name such as \"MyApp.Actors.Greeter\".");
        }

        return new ActorSpec(null, typeName.Trim());
    }

    /// <summary>The name to show in messages.</summary>
    public string DisplayName => Type?.FullName ?? TypeName ?? "(none)";
}
