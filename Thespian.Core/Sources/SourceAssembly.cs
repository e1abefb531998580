using System.Reflection;

namespace Thespian.Sources;

/// <summary>One assembly of a source zip, read but not loaded: its identity, image and optional symbols.</summary>
/// <param name="EntryName">The zip entry it came from.</param>
/// <param name="Name">The assembly's identity, read from its metadata.</param>
/// <param name="Image">The assembly's bytes.</param>
/// <param name="Symbols">Its portable PDB, when the zip has one beside it.</param>
internal sealed record SourceAssembly(string EntryName, AssemblyName Name, byte[] Image, byte[]? Symbols)
{
    /// <summary>The simple name (what references and type names use).</summary>
    public string SimpleName => Name.Name ?? "";

    /// <summary>Name and culture: two satellite assemblies of one name differ by culture.</summary>
    public string Key => SourceAssemblyKey.Of(Name);
}

/// <summary>How assemblies of one source are told apart.</summary>
internal static class SourceAssemblyKey
{
    /// <summary>The simple name, plus the culture when there is one (satellite resource assemblies).</summary>
    public static string Of(AssemblyName name) =>
        string.IsNullOrEmpty(name.CultureName) ? name.Name ?? "" : $"{name.Name}/{name.CultureName}";
}
