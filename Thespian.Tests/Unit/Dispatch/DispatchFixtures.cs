namespace Thespian.Tests.Unit.Dispatch;

// Message types shared by the dispatch tests. The hierarchy is deliberately layered so that an order
// that is "nearly right" (class chain before interfaces, interface before its base interface) shows up
// as a wrong sequence rather than passing by accident.

/// <summary>A root interface.</summary>
internal interface IMessage;

/// <summary>An interface deriving from <see cref="IMessage"/>.</summary>
internal interface IGreeting : IMessage;

/// <summary>An unrelated interface, with no base interfaces.</summary>
internal interface ITagged;

/// <summary>The base message class; implements the root interface.</summary>
internal class BaseMessage : IMessage;

/// <summary>Derives from <see cref="BaseMessage"/> and adds a more derived interface and an unrelated one.</summary>
internal class Hello : BaseMessage, IGreeting, ITagged;

/// <summary>Derives from <see cref="Hello"/>.</summary>
internal sealed class LoudHello : Hello;

/// <summary>A message nothing handles.</summary>
internal sealed class Unknown;

/// <summary>A value-type message that implements an interface.</summary>
internal readonly struct Signal(int level) : IGreeting
{
    public int Level { get; } = level;
}

/// <summary>
/// A dispatcher that records every handler call as "Class(MessageType)" and every unrecognized
/// message as "Unrecognized(MessageType)".
/// </summary>
internal abstract class RecordingDispatcher : ActorTypeDispatcher
{
    public List<string> Calls { get; } = [];

    /// <summary>What handlers that return <c>object?</c> return; <see cref="ActorTypeDispatcher.Super"/> continues the search.</summary>
    public object? HandlerResult { get; set; } = "handled";

    /// <summary>Notes that <paramref name="actorClass"/>'s handler for <paramref name="handlerType"/> ran; returns <see cref="HandlerResult"/>.</summary>
    protected object? Record(string actorClass, Type handlerType)
    {
        Calls.Add($"{actorClass}({handlerType.Name})");
        return HandlerResult;
    }

    protected override void ReceiveUnrecognizedMessage(object message, ActorAddress sender) =>
        Calls.Add($"Unrecognized({message.GetType().Name})");
}

/// <summary>Renders handler methods as "DeclaringClass(MessageType)" for readable comparisons.</summary>
internal static class HandlerNames
{
    public static string[] Of(IEnumerable<System.Reflection.MethodInfo> methods) =>
        methods.Select(m => $"{m.DeclaringType!.Name}({m.GetParameters()[0].ParameterType.Name})").ToArray();
}
