using System.Reflection;

namespace Thespian.Sources;

/// <summary>
/// How the wire names an assembly: its simple name, and for an assembly of a loaded source
/// "<c>Name@SourceHash</c>", so the receiving process resolves the type in that source's context (or refuses
/// it, saying which source it lacks) and never in an assembly of the same name from elsewhere.
/// </summary>
internal static class WireAssemblyName
{
    private const char SourceMarker = '@';

    /// <summary>The name the wire uses for <paramref name="assembly"/>.</summary>
    public static string Of(Assembly assembly)
    {
        var name = assembly.GetName().Name ?? "";
        return SourceLoadContext.SourceHashOf(assembly) is { } hash ? $"{name}{SourceMarker}{hash}" : name;
    }

    /// <summary>The source hash a wire type name refers to (for messages about refused types), or null.</summary>
    public static string? SourceHashIn(string typeName)
    {
        var marker = typeName.IndexOf(SourceMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }

        var end = marker + 1;
        while (end < typeName.Length && char.IsAsciiHexDigit(typeName[end]))
        {
            end++;
        }

        return end > marker + 1 ? typeName[(marker + 1)..end] : null;
    }

    /// <summary>Splits a wire assembly name into the simple name and the source hash (null for the actor path).</summary>
    public static (string Name, string? SourceHash) Parse(string wireName)
    {
        var marker = wireName.LastIndexOf(SourceMarker);
        return marker > 0 ? (wireName[..marker], wireName[(marker + 1)..]) : (wireName, null);
    }
}
