using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Thespian.Tests.Sources.Support;

/// <summary>
/// Compiles C# into real assemblies at test time (Roslyn), referencing the framework and Thespian.Core as
/// the running test process has them, so that sources are real zips of real assemblies.
/// </summary>
public static class SourceCompiler
{
    private static readonly Lazy<MetadataReference[]> PlatformReferences = new(ReadPlatformReferences);
    private static readonly ConcurrentDictionary<string, byte[]> Compiled = new(StringComparer.Ordinal);

    /// <summary>
    /// The image of an assembly named <paramref name="assemblyName"/> built from <paramref name="code"/>;
    /// <paramref name="references"/> are images of other source assemblies it uses.
    /// </summary>
    public static byte[] Compile(string assemblyName, string code, params byte[][] references)
    {
        var key = $"{assemblyName}\n{code}\n{string.Join(",", references.Select(r => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(r))))}";
        return Compiled.GetOrAdd(key, _ => CompileNow(assemblyName, code, references));
    }

    private static byte[] CompileNow(string assemblyName, string code, byte[][] references)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [tree],
            [.. PlatformReferences.Value, .. references.Select(r => MetadataReference.CreateFromImage(r))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
            throw new InvalidOperationException($"The test source {assemblyName} does not compile:\n{string.Join("\n", errors)}");
        }

        return image.ToArray();
    }

    private static MetadataReference[] ReadPlatformReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var wanted = paths.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) ||
                                      Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll" or "Thespian.Core.dll" or
                                          "Microsoft.Extensions.Logging.Abstractions.dll");
        return wanted.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }
}
