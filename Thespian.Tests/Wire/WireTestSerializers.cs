using System.Reflection;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>The process's address table as the tests see it: one address object per identifier.</summary>
internal sealed class AddressBook
{
    private readonly Dictionary<ActorId, ActorAddress> _addresses = [];

    public List<ActorId> Interned { get; } = [];

    /// <summary>Registers a local address object (as a process does for its own actors).</summary>
    public void Add(ActorAddress address) => _addresses[address.Id] = address;

    public ActorAddress Intern(ActorId id)
    {
        Interned.Add(id);
        if (!_addresses.TryGetValue(id, out var address))
        {
            address = new ActorAddress(id);
            _addresses[id] = address;
        }

        return address;
    }
}

internal static class WireTestSerializers
{
    public static Assembly TestAssembly { get; } = typeof(WireTestSerializers).Assembly;

    /// <summary>Thespian's and framework types, plus the test assembly (as if it were on the actor path).</summary>
    public static TypeAllowList AllowingTestAssembly() =>
        new(a => a == TestAssembly, name => name == TestAssembly.GetName().Name ? TestAssembly : null);

    public static WireSerializer Create(AddressBook? book = null) =>
        new(AllowingTestAssembly(), (book ?? new AddressBook()).Intern);

    /// <summary>A serializer that allows nothing from the test assembly.</summary>
    public static WireSerializer ThespianOnly() => new(TypeAllowList.ThespianOnly, new AddressBook().Intern);

    /// <summary>The name a sender would put in <c>$type</c>: the type and its simple assembly name.</summary>
    public static string TypeRef(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static object RoundTrip(this WireSerializer serializer, object message) =>
        serializer.Deserialize(serializer.Serialize(message));

    public static object DeserializeText(this WireSerializer serializer, string json) =>
        serializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(json));

    public static string SerializeToText(this WireSerializer serializer, object message) =>
        System.Text.Encoding.UTF8.GetString(serializer.Serialize(message));

    /// <summary>The exception, or the first in its inner-exception chain, of type <typeparamref name="T"/>.</summary>
    public static T? FindInChain<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Every message in the exception chain, outermost first.</summary>
    public static string DescribeChain(Exception exception)
    {
        var parts = new List<string>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            parts.Add($"{current.GetType().Name}: {current.Message}");
        }

        return string.Join(" ---> ", parts);
    }
}
