using System.Text.Json;

namespace Thespian.Multiproc;

/// <summary>
/// The files that tell the .NET host how an application runs: its <c>.deps.json</c> (package and project assemblies,
/// native libraries, satellite assemblies, and where each lies) and its <c>.runtimeconfig.json</c> (the framework,
/// globalization, GC and other runtime settings). An actor host started with both
/// (<c>dotnet exec --depsfile … --runtimeconfig …</c>) resolves dependencies and runs with the settings the
/// application has. Only a framework-dependent application with both files on disk has them: a self-contained or
/// single-file application does not, and its hosts run with Thespian.Admin's own files.
/// </summary>
/// <param name="DepsFile">The application's deps.json, a full path.</param>
/// <param name="RuntimeConfigFile">The application's runtimeconfig.json, a full path.</param>
internal sealed record ApplicationRuntime(string DepsFile, string RuntimeConfigFile)
{
    private const string DepsSuffix = ".deps.json";
    private const string RuntimeConfigSuffix = ".runtimeconfig.json";

    /// <summary>
    /// This process's application (the first deps file the host gave the runtime, in the application's folder, with
    /// the runtimeconfig of the same name beside it); null when it has none or is not framework-dependent.
    /// </summary>
    public static ApplicationRuntime? OfThisProcess()
    {
        var depsFiles = AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string;
        var first = depsFiles?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is null || !first.EndsWith(DepsSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var depsFile = Path.GetFullPath(first);
        var inAppFolder = string.Equals(Path.GetDirectoryName(depsFile)?.TrimEnd(Path.DirectorySeparatorChar),
                                        Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar),
                                        StringComparison.Ordinal);
        return inAppFolder ? TryFrom(depsFile, depsFile[..^DepsSuffix.Length] + RuntimeConfigSuffix) : null;
    }

    /// <summary>The pair, when both files exist and the runtimeconfig names a framework; else null.</summary>
    public static ApplicationRuntime? TryFrom(string depsFile, string runtimeConfigFile) =>
        File.Exists(depsFile) && File.Exists(runtimeConfigFile) && NamesFramework(runtimeConfigFile)
            ? new ApplicationRuntime(Path.GetFullPath(depsFile), Path.GetFullPath(runtimeConfigFile))
            : null;

    /// <summary>
    /// The names of the runtime settings the runtimeconfig sets (<c>configProperties</c>, such as
    /// <c>System.GC.LOHThreshold</c>); empty when it cannot be read.
    /// </summary>
    public IReadOnlySet<string> ConfigPropertyNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (ReadOptions(RuntimeConfigFile) is { } options &&
            options.TryGetProperty("configProperties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                names.Add(property.Name);
            }
        }

        return names;
    }

    private static bool NamesFramework(string runtimeConfigFile) =>
        ReadOptions(runtimeConfigFile) is { } options &&
        (options.TryGetProperty("framework", out _) || options.TryGetProperty("frameworks", out _));

    private static JsonElement? ReadOptions(string runtimeConfigFile)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(runtimeConfigFile),
                                                    new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("runtimeOptions", out var options) && options.ValueKind == JsonValueKind.Object
                ? options.Clone()
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
