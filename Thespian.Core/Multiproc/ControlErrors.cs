namespace Thespian.Multiproc;

/// <summary>Turns a failed control reply into the exception API.md names for it.</summary>
internal static class ControlErrors
{
    /// <summary>Why a system refused to run an actor of <paramref name="typeName"/> (said alike by a host and by an admin).</summary>
    public static string NoCompatibleSystem(string typeName) =>
        $"No actor system with capabilities that satisfy {typeName} was found " +
        "(its [RequireCapability] attributes or ActorSystemCapabilityCheck refused this system).";

    public static Exception ToException(ControlReply reply)
    {
        var message = reply.Message ?? "The actor system refused the request.";
        return reply.Error switch
        {
            ControlErrorKind.InvalidActorSpecification => new InvalidActorSpecificationException(message),
            ControlErrorKind.NoCompatibleSystem => new NoCompatibleSystemForActorException(message),
            ControlErrorKind.InvalidSourceHash => new InvalidActorSourceHashException(message),
            ControlErrorKind.InvalidArgument => new ArgumentException(message),
            ControlErrorKind.ShuttingDown => new ActorSystemFailureException(message),
            _ => new ActorSystemFailureException(message),
        };
    }
}
