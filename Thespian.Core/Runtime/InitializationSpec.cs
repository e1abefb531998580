using System.Reflection;

namespace Thespian.Runtime;

/// <summary>
/// An actor type's initializing messages (<see cref="InitializingMessageAttribute"/> members and
/// <see cref="InitializingMessagesAttribute"/> options), read and checked once per type.
/// </summary>
internal sealed class InitializationSpec
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private InitializationSpec(IReadOnlyList<Slot> slots, MethodInfo? initDone, bool passThrough)
    {
        Slots = slots;
        InitDone = initDone;
        PassThrough = passThrough;
    }

    /// <summary>The members to fill, in declaration order (most derived class first).</summary>
    public IReadOnlyList<Slot> Slots { get; }

    /// <summary>The method called once all have arrived, if any.</summary>
    public MethodInfo? InitDone { get; }

    /// <summary>Whether messages received during initialization also reach the handler (Python's init_passthru).</summary>
    public bool PassThrough { get; }

    /// <summary>The type's spec, null when it has no initializing messages; <paramref name="problem"/> says why it cannot be used.</summary>
    public static InitializationSpec? Of(Type type, out string? problem)
    {
        problem = null;
        var options = type.GetCustomAttribute<InitializingMessagesAttribute>(inherit: true);
        var slots = new List<Slot>();
        for (var level = type; level is not null && level != typeof(Actor); level = level.BaseType)
        {
            foreach (var member in level.GetMembers(Members).Where(m => m is FieldInfo or PropertyInfo))
            {
                if (member.GetCustomAttribute<InitializingMessageAttribute>() is not { } marked)
                {
                    continue;
                }

                if (Slot.Create(type, member, marked, out problem) is not { } slot)
                {
                    return null;
                }

                slots.Add(slot);
            }
        }

        if (slots.Count == 0)
        {
            if (options is not null)
            {
                problem = "it has [InitializingMessages] but no field or property marked [InitializingMessage].";
            }

            return null;
        }

        if (type.GetCustomAttribute<TroupeAttribute>(inherit: true) is not null)
        {
            problem = "initializing messages do not work with [Troupe] (as in Python): each message goes to any one of the workers.";
            return null;
        }

        MethodInfo? initDone = null;
        if (options?.InitDone is { } name && (initDone = FindMethod(type, name)) is null)
        {
            problem = $"its [InitializingMessages] InitDone names \"{name}\", but it has no parameterless instance method of that name.";
            return null;
        }

        return new InitializationSpec(slots, initDone, options?.PassThrough ?? false);
    }

    private static MethodInfo? FindMethod(Type type, string name)
    {
        for (var level = type; level is not null && level != typeof(object); level = level.BaseType)
        {
            if (level.GetMethod(name, Members, Type.EmptyTypes) is { } method)
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>A member to fill: which messages fit it, and where the sender goes.</summary>
    internal sealed class Slot
    {
        private readonly Action<object, object?> _store;
        private readonly Action<object, object?>? _storeSender;

        private Slot(string name, Type messageType, Action<object, object?> store, Action<object, object?>? storeSender)
        {
            Name = name;
            MessageType = messageType;
            _store = store;
            _storeSender = storeSender;
        }

        /// <summary>The member's name.</summary>
        public string Name { get; }

        /// <summary>The type a message must have (the member's type, without <see cref="Nullable{T}"/>).</summary>
        public Type MessageType { get; }

        /// <summary>Whether <paramref name="message"/> fills this member.</summary>
        public bool Fits(object message) => MessageType.IsInstanceOfType(message);

        /// <summary>Stores the message (and its sender, when asked for) into the actor.</summary>
        public void Store(Actor actor, object message, ActorAddress sender)
        {
            _store(actor, message);
            _storeSender?.Invoke(actor, sender);
        }

        public static Slot? Create(Type actorType, MemberInfo member, InitializingMessageAttribute marked, out string? problem)
        {
            problem = null;
            if (Setter(member, out var memberType) is not { } store)
            {
                problem = $"its [InitializingMessage] property {member.Name} has no setter.";
                return null;
            }

            Action<object, object?>? storeSender = null;
            if (marked.SenderMember is { } senderName)
            {
                var senderMember = FindMember(actorType, senderName);
                if (senderMember is null || Setter(senderMember, out var senderType) is not { } setSender ||
                    !senderType.IsAssignableFrom(typeof(ActorAddress)))
                {
                    problem = $"the SenderMember \"{senderName}\" of its [InitializingMessage] {member.Name} is not a settable " +
                              "field or property of type ActorAddress.";
                    return null;
                }

                storeSender = setSender;
            }

            return new Slot(member.Name, Nullable.GetUnderlyingType(memberType) ?? memberType, store, storeSender);
        }

        private static MemberInfo? FindMember(Type type, string name)
        {
            for (var level = type; level is not null && level != typeof(object); level = level.BaseType)
            {
                if (level.GetMember(name, MemberTypes.Field | MemberTypes.Property, Members).FirstOrDefault() is { } member)
                {
                    return member;
                }
            }

            return null;
        }

        private static Action<object, object?>? Setter(MemberInfo member, out Type memberType)
        {
            switch (member)
            {
                case FieldInfo field when !field.IsInitOnly && !field.IsLiteral:
                    memberType = field.FieldType;
                    return field.SetValue;
                case PropertyInfo property when property.SetMethod is not null:
                    memberType = property.PropertyType;
                    return property.SetValue;
                default:
                    memberType = typeof(object);
                    return null;
            }
        }
    }
}
