using System.IO.Compression;
using System.Reflection;
using System.Reflection.Emit;

namespace Thespian.Fuzzing.Targets;

/// <summary>Source zips as applications make them: a small real assembly, its symbols, build by-products.</summary>
internal static class SourceSeeds
{
    /// <summary>A small real .NET assembly (emitted, so the seed stays small).</summary>
    public static byte[] Assembly(string name)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName(name) { Version = new Version(1, 2, 3, 4) }, typeof(object).Assembly);
        var module = builder.DefineDynamicModule(name);
        var type = module.DefineType($"{name}.Greeter", TypeAttributes.Public | TypeAttributes.Class);
        var method = type.DefineMethod("Greet", MethodAttributes.Public | MethodAttributes.Static, typeof(string), [typeof(string)]);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ret);
        type.CreateType();
        using var stream = new MemoryStream();
        builder.Save(stream);
        return stream.ToArray();
    }

    /// <summary>A source zip holding the given entries.</summary>
    public static byte[] Zip(params (string Name, byte[] Content, CompressionLevel Level)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, level) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Valid source zips: stored and deflated, with symbols and by-products, two assemblies.</summary>
    public static IReadOnlyList<byte[]> Zips()
    {
        var first = Assembly("FuzzSourceA");
        var second = Assembly("FuzzSourceB");
        byte[] symbols = [.. "BSJB"u8, .. new byte[60]];
        return
        [
            Zip(("FuzzSourceA.dll", first, CompressionLevel.NoCompression)),
            Zip(("FuzzSourceA.dll", first, CompressionLevel.Optimal)),
            Zip(("lib/FuzzSourceA.dll", first, CompressionLevel.NoCompression), ("lib/FuzzSourceA.pdb", symbols, CompressionLevel.Fastest),
                ("lib/", [], CompressionLevel.NoCompression), ("FuzzSourceA.deps.json", "{}"u8.ToArray(), CompressionLevel.Optimal)),
            Zip(("FuzzSourceA.dll", first, CompressionLevel.Fastest), ("FuzzSourceB.dll", second, CompressionLevel.NoCompression)),
        ];
    }

    /// <summary>Tokens of zips and PE images.</summary>
    public static IReadOnlyList<byte[]> Tokens { get; } =
    [
        "PK\u0003\u0004"u8.ToArray(), "PK\u0001\u0002"u8.ToArray(), "PK\u0005\u0006"u8.ToArray(), "PK\u0006\u0006"u8.ToArray(),
        "PK\u0006\u0007"u8.ToArray(), ".dll"u8.ToArray(), ".pdb"u8.ToArray(), ".xml"u8.ToArray(), "BSJB"u8.ToArray(),
        "MZ"u8.ToArray(), "PE\0\0"u8.ToArray(), [0xff, 0xff, 0xff, 0xff], [0xff, 0xff], [8, 0], [0, 0], [14, 0],
    ];
}
