using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Thespian.Tests.PublicApi;

/// <summary>
/// Renders the public surface of an assembly as sorted, self-contained text lines, one per type and one per
/// member: "Declaring.Type: declaration". Covers what a consumer can see: exported types and their public
/// and protected constructors, methods, operators, properties, indexers, fields, events and nested types,
/// with modifiers, parameter names, defaults and nullability annotations. Types are ordered by name; each
/// type's own line comes first, then its members in ordinal order.
/// </summary>
internal static class PublicApiRenderer
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static |
                                          BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(char)] = "char", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short",
        [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long",
        [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal", [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["op_Equality"] = "operator ==", ["op_Inequality"] = "operator !=", ["op_LessThan"] = "operator <",
        ["op_GreaterThan"] = "operator >", ["op_LessThanOrEqual"] = "operator <=",
        ["op_GreaterThanOrEqual"] = "operator >=", ["op_Addition"] = "operator +", ["op_Subtraction"] = "operator -",
        ["op_Multiply"] = "operator *", ["op_Division"] = "operator /", ["op_Modulus"] = "operator %",
        ["op_UnaryNegation"] = "operator -", ["op_UnaryPlus"] = "operator +", ["op_LogicalNot"] = "operator !",
        ["op_True"] = "operator true", ["op_False"] = "operator false",
    };

    /// <summary>The first line of every rendering: says what the file is and how to update it.</summary>
    public const string Header =
        "# The public API of Thespian.Core, rendered by Thespian.Tests/PublicApi/PublicApiRenderer.cs. Do not edit by hand: " +
        "run the PublicApi tests and copy PublicApi.received.txt over this file when a change is intended.";

    /// <summary>Every line of the assembly's public surface, header first.</summary>
    public static IReadOnlyList<string> Render(Assembly assembly)
    {
        var lines = new List<string> { Header };
        foreach (var type in VisibleTypes(assembly).OrderBy(TypeDisplayName, StringComparer.Ordinal))
        {
            lines.AddRange(RenderType(type));
        }

        return lines;
    }

    /// <summary>One type's declaration line, then its visible members in ordinal order.</summary>
    public static IEnumerable<string> RenderType(Type type)
    {
        var owner = TypeDisplayName(type) + ": ";
        yield return owner + TypeDeclaration(type);
        foreach (var member in Members(type).Order(StringComparer.Ordinal))
        {
            yield return owner + member;
        }
    }

    private static IEnumerable<Type> VisibleTypes(Assembly assembly)
    {
        var pending = new Stack<Type>(assembly.GetExportedTypes().Where(t => !t.IsNested));
        while (pending.TryPop(out var type))
        {
            yield return type;
            foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Where(IsVisibleNested))
            {
                pending.Push(nested);
            }
        }
    }

    private static bool IsVisibleNested(Type nested) =>
        nested.IsNestedPublic || ((nested.IsNestedFamily || nested.IsNestedFamORAssem) && !nested.DeclaringType!.IsSealed);

    private static IEnumerable<string> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{field.Name} = {Convert.ToString(field.GetRawConstantValue(), CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        if (IsDelegate(type))
        {
            yield break;
        }

        foreach (var constructor in type.GetConstructors(Declared).Where(c => !c.IsStatic && IsVisible(c)))
        {
            yield return $"{Access(constructor)} {BareName(type)}({Parameters(constructor)})";
        }

        foreach (var method in type.GetMethods(Declared).Where(m => IsVisible(m) && !IsAccessor(m)))
        {
            yield return Method(method);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            var rendered = Property(property);
            if (rendered is not null)
            {
                yield return rendered;
            }
        }

        foreach (var field in type.GetFields(Declared).Where(IsVisible))
        {
            yield return Field(field);
        }

        foreach (var @event in type.GetEvents(Declared).Where(e => e.AddMethod is { } add && IsVisible(add)))
        {
            var add = @event.AddMethod!;
            yield return $"{Access(add)} {Modifiers(add)}event {TypeName(@event.EventHandlerType!, Nullability(@event))} {@event.Name}";
        }
    }

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static bool IsVisible(FieldInfo field) => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly;

    private static bool IsAccessor(MethodInfo method) => method.IsSpecialName && !method.Name.StartsWith("op_", StringComparison.Ordinal);

    private static bool IsDelegate(Type type) => type.BaseType == typeof(MulticastDelegate);

    private static string Access(MethodBase method) => method.IsPublic ? "public" : "protected";

    private static string Modifiers(MethodInfo method)
    {
        var text = new StringBuilder();
        var newSlot = (method.Attributes & MethodAttributes.VtableLayoutMask) == MethodAttributes.NewSlot;
        if (method.IsStatic)
        {
            text.Append("static ");
            if (method.IsAbstract)
            {
                text.Append("abstract ");
            }
            else if (method.IsVirtual)
            {
                text.Append("virtual ");
            }
        }
        else if (method.IsAbstract)
        {
            text.Append(newSlot || method.DeclaringType!.IsInterface ? "abstract " : "abstract override ");
        }
        else if (method.IsVirtual && !method.IsFinal)
        {
            text.Append(newSlot ? "virtual " : "override ");
        }
        else if (method.IsVirtual && method.IsFinal && !newSlot)
        {
            text.Append("sealed override ");
        }

        return text.ToString();
    }

    private static string Method(MethodInfo method)
    {
        var name = Operators.TryGetValue(method.Name, out var op) ? op
                 : method.Name is "op_Implicit" or "op_Explicit" ? (method.Name == "op_Implicit" ? "implicit operator" : "explicit operator")
                 : method.Name;
        var generic = method.IsGenericMethodDefinition
            ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">"
            : string.Empty;
        var returns = TypeName(method.ReturnType, Nullability(method.ReturnParameter));
        var constraints = Constraints(method.IsGenericMethodDefinition ? method.GetGenericArguments() : []);
        return $"{Access(method)} {Modifiers(method)}{returns} {name}{generic}({Parameters(method)}){constraints}";
    }

    private static string? Property(PropertyInfo property)
    {
        var getter = property.GetMethod is { } g && IsVisible(g) ? g : null;
        var setter = property.SetMethod is { } s && IsVisible(s) ? s : null;
        var main = getter ?? setter;
        if (main is null)
        {
            return null;
        }

        var access = getter?.IsPublic == true || setter?.IsPublic == true ? "public" : "protected";
        var accessors = new List<string>();
        if (getter is not null)
        {
            accessors.Add(AccessorAccess(getter, access) + "get;");
        }

        if (setter is not null)
        {
            var isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            accessors.Add(AccessorAccess(setter, access) + (isInit ? "init;" : "set;"));
        }

        var indexParameters = property.GetIndexParameters();
        var name = indexParameters.Length == 0
            ? property.Name
            : "this[" + string.Join(", ", indexParameters.Select(Parameter)) + "]";
        var type = TypeName(property.PropertyType, Nullability(property));
        return $"{access} {Modifiers(main)}{type} {name} {{ {string.Join(" ", accessors)} }}";
    }

    private static string AccessorAccess(MethodInfo accessor, string propertyAccess) =>
        (accessor.IsPublic ? "public" : "protected") == propertyAccess ? string.Empty : "protected ";

    private static string Field(FieldInfo field)
    {
        var access = field.IsPublic ? "public" : "protected";
        var type = TypeName(field.FieldType, Nullability(field));
        if (field.IsLiteral)
        {
            return $"{access} const {type} {field.Name} = {Literal(field.GetRawConstantValue(), field.FieldType)}";
        }

        var modifiers = (field.IsStatic ? "static " : string.Empty) + (field.IsInitOnly ? "readonly " : string.Empty);
        return $"{access} {modifiers}{type} {field.Name}";
    }

    private static string Parameters(MethodBase method)
    {
        var isExtension = method.IsDefined(typeof(ExtensionAttribute), inherit: false);
        return string.Join(", ", method.GetParameters().Select((p, i) => (isExtension && i == 0 ? "this " : string.Empty) + Parameter(p)));
    }

    private static string Parameter(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var prefix = string.Empty;
        if (type.IsByRef)
        {
            prefix = parameter.IsOut ? "out " : parameter.IsDefined(typeof(IsReadOnlyAttribute), false) ? "in " : "ref ";
            type = type.GetElementType()!;
        }
        else if (parameter.IsDefined(typeof(ParamArrayAttribute), false))
        {
            prefix = "params ";
        }

        var text = $"{prefix}{TypeName(type, Nullability(parameter))} {parameter.Name}";
        return parameter.HasDefaultValue ? $"{text} = {Literal(parameter.DefaultValue, type)}" : text;
    }

    private static string Literal(object? value, Type type)
    {
        switch (value)
        {
            case null:
                return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default" : "null";
            case string s:
                return "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            case bool b:
                return b ? "true" : "false";
            case char c:
                return $"'{c}'";
        }

        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        if (enumType.IsEnum)
        {
            var name = Enum.GetName(enumType, value);
            return name is null
                ? $"({TypeName(enumType, null)}){Convert.ToString(value, CultureInfo.InvariantCulture)}"
                : $"{TypeName(enumType, null)}.{name}";
        }

        return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?";
    }

    private static string TypeDeclaration(Type type)
    {
        var access = type.IsNested && !type.IsNestedPublic ? "protected" : "public";
        if (IsDelegate(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            return $"{access} delegate {TypeName(invoke.ReturnType, Nullability(invoke.ReturnParameter))} {ShortName(type)}({Parameters(invoke)})";
        }

        string kind;
        var modifiers = string.Empty;
        if (type.IsInterface)
        {
            kind = "interface";
        }
        else if (type.IsEnum)
        {
            kind = "enum";
        }
        else if (type.IsValueType)
        {
            kind = (type.IsDefined(typeof(IsReadOnlyAttribute), false) ? "readonly " : string.Empty) +
                   (IsRecord(type) ? "record struct" : "struct");
        }
        else
        {
            kind = IsRecord(type) ? "record" : "class";
            modifiers = type is { IsAbstract: true, IsSealed: true } ? "static "
                      : type.IsAbstract ? "abstract "
                      : type.IsSealed ? "sealed "
                      : string.Empty;
        }

        var bases = new List<string>();
        if (type.IsEnum)
        {
            var underlying = Enum.GetUnderlyingType(type);
            if (underlying != typeof(int))
            {
                bases.Add(TypeName(underlying, null));
            }
        }
        else
        {
            if (type is { IsClass: true, BaseType: { } baseType } && baseType != typeof(object))
            {
                bases.Add(TypeName(baseType, null));
            }

            var inherited = type.BaseType?.GetInterfaces() ?? [];
            bases.AddRange(type.GetInterfaces()
                               .Where(i => !inherited.Contains(i) && (i.IsPublic || i.IsNestedPublic))
                               .Select(i => TypeName(i, null))
                               .Order(StringComparer.Ordinal));
        }

        var generic = type.IsGenericTypeDefinition ? type.GetGenericArguments() : [];
        var basesText = bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases);
        return $"{access} {modifiers}{kind} {ShortName(type)}{basesText}{Constraints(generic)}";
    }

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null ||
        (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static string Constraints(Type[] genericParameters)
    {
        var text = new StringBuilder();
        foreach (var parameter in genericParameters)
        {
            var parts = new List<string>();
            var attributes = parameter.GenericParameterAttributes;
            if (attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
            {
                parts.Add("struct");
            }
            else if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
            {
                parts.Add("class");
            }

            parts.AddRange(parameter.GetGenericParameterConstraints()
                                    .Where(c => c != typeof(ValueType))
                                    .Select(c => TypeName(c, null))
                                    .Order(StringComparer.Ordinal));
            if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) &&
                !attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
            {
                parts.Add("new()");
            }

            if (parts.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" where {parameter.Name} : {string.Join(", ", parts)}");
            }
        }

        return text.ToString();
    }

    /// <summary>The name a type is listed under: namespace-qualified, nested types joined with '.', generic parameters shown.</summary>
    public static string TypeDisplayName(Type type) => TypeName(type, null);

    private static string BareName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    private static string ShortName(Type type)
    {
        var name = BareName(type);
        var own = type.GetGenericArguments().Skip(type.DeclaringType?.GetGenericArguments().Length ?? 0).ToArray();
        return own.Length == 0 ? name : $"{name}<{string.Join(", ", own.Select(a => a.Name))}>";
    }

    /// <summary>A C#-style type name; <paramref name="nullability"/> adds '?' to nullable references (recursively).</summary>
    public static string TypeName(Type type, NullabilityInfo? nullability)
    {
        var nullableMark = !type.IsValueType && nullability?.ReadState == NullabilityState.Nullable ? "?" : string.Empty;
        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!, nullability?.ElementType ?? nullability);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying, nullability?.GenericTypeArguments.FirstOrDefault()) + "?";
        }

        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            return TypeName(type.GetElementType()!, nullability?.ElementType) + "[" + new string(',', rank - 1) + "]" + nullableMark;
        }

        if (type.IsGenericParameter)
        {
            return type.Name + nullableMark;
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + nullableMark;
        }

        string container;
        if (type.DeclaringType is { } declaring)
        {
            var outer = declaring;
            if (declaring.IsGenericTypeDefinition && type.IsConstructedGenericType)
            {
                outer = declaring.MakeGenericType(type.GetGenericArguments()[..declaring.GetGenericArguments().Length]);
            }

            container = TypeName(outer, null) + ".";
        }
        else
        {
            container = string.IsNullOrEmpty(type.Namespace) ? string.Empty : type.Namespace + ".";
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (!type.IsGenericType)
        {
            return container + name + nullableMark;
        }

        var arguments = type.GetGenericArguments();
        var skip = type.DeclaringType?.GetGenericArguments().Length ?? 0;
        var rendered = arguments.Skip(skip).Select((a, i) =>
            TypeName(a, nullability is { GenericTypeArguments.Length: > 0 } info && i + skip < info.GenericTypeArguments.Length
                ? info.GenericTypeArguments[i + skip]
                : null));
        var list = string.Join(", ", rendered);
        return list.Length == 0 ? container + name + nullableMark : $"{container}{name}<{list}>{nullableMark}";
    }

    private static NullabilityInfo? Nullability(ParameterInfo parameter) => Guard(() => new NullabilityInfoContext().Create(parameter));

    private static NullabilityInfo? Nullability(PropertyInfo property) => Guard(() => new NullabilityInfoContext().Create(property));

    private static NullabilityInfo? Nullability(FieldInfo field) => Guard(() => new NullabilityInfoContext().Create(field));

    private static NullabilityInfo? Nullability(EventInfo @event) => Guard(() => new NullabilityInfoContext().Create(@event));

    private static NullabilityInfo? Guard(Func<NullabilityInfo> create)
    {
        try
        {
            return create();
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
