using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Thespian.Wire;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// Checks a decoded message independently of the binder: wherever a value's type was chosen by the sender (its runtime
/// type differs from what the member or collection declares, so <c>$type</c> picked it), that type must be on the
/// allow-list. Walks collections, dictionary keys and values, and public members, within bounds.
/// </summary>
internal static class AllowListAudit
{
    private const int MaxDepth = 80;
    private const int MaxNodes = 20_000;

    /// <summary>How many values in <paramref name="message"/> have a sender-chosen type outside <paramref name="allowList"/>.</summary>
    public static int CountOutside(object message, TypeAllowList allowList)
    {
        var walk = new Walk(allowList);
        walk.Visit(message, typeof(object), 0);
        return walk.Outside;
    }

    private sealed class Walk(TypeAllowList allowList)
    {
        private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
        private int _nodes;

        public int Outside { get; private set; }

        public void Visit(object? value, Type declared, int depth)
        {
            if (value is null || depth > MaxDepth || ++_nodes > MaxNodes)
            {
                return;
            }

            var type = value.GetType();
            if (type != declared && Nullable.GetUnderlyingType(declared) != type && !allowList.IsAllowed(type))
            {
                Outside++;
                return;
            }

            if (type.IsPrimitive || value is string or decimal || type.IsEnum || (!type.IsValueType && !_seen.Add(value)))
            {
                return;
            }

            switch (value)
            {
                case IDictionary dictionary:
                    var (keyType, valueType) = DictionaryTypes(type);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        Visit(entry.Key, keyType, depth + 1);
                        Visit(entry.Value, valueType, depth + 1);
                    }

                    return;
                case IEnumerable items:
                    var itemType = ItemType(type);
                    foreach (var item in items)
                    {
                        Visit(item, itemType, depth + 1);
                    }

                    return;
            }

            if (!IsMessageShaped(type))
            {
                return;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true })
                {
                    object? member;
                    try
                    {
                        member = property.GetValue(value);
                    }
                    catch (TargetInvocationException)
                    {
                        continue;
                    }

                    Visit(member, property.PropertyType, depth + 1);
                }
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                Visit(field.GetValue(value), field.FieldType, depth + 1);
            }
        }

        /// <summary>Types whose public members the serializer sets (not the framework's own values such as Uri or Version).</summary>
        private static bool IsMessageShaped(Type type) =>
            type.Assembly != typeof(object).Assembly || type.IsGenericType && type.Name.StartsWith("Tuple", StringComparison.Ordinal) ||
            type.IsGenericType && type.Name.StartsWith("KeyValuePair", StringComparison.Ordinal) ||
            type.IsGenericType && type.Name.StartsWith("ValueTuple", StringComparison.Ordinal) || type.IsDefined(typeof(CompilerGeneratedAttribute));

        private static (Type Key, Type Value) DictionaryTypes(Type type)
        {
            var generic = type.GetInterfaces().Append(type)
                              .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
            return generic is null ? (typeof(object), typeof(object)) : (generic.GetGenericArguments()[0], generic.GetGenericArguments()[1]);
        }

        private static Type ItemType(Type type)
        {
            if (type.IsArray)
            {
                return type.GetElementType()!;
            }

            var generic = type.GetInterfaces().Append(type)
                              .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
            return generic?.GetGenericArguments()[0] ?? typeof(object);
        }
    }
}
