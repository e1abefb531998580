using System.Diagnostics;
using Thespian.Multiproc;

namespace Thespian.Admin.Admin;

/// <summary>
/// How the admin starts an actor host process. With the files of the application that started the system, a host is
/// <c>dotnet exec --depsfile app.deps.json --runtimeconfig app.runtimeconfig.json Thespian.Admin.dll host …</c>: the .NET
/// host resolves the application's package, project, native and satellite assemblies as it does for the application,
/// and the runtime runs with the application's settings (framework, globalization, GC). Without them (a system started
/// by <c>thespian-admin start</c>, or a self-contained application) a host runs with Thespian.Admin's own files.
/// Either way, Thespian's own defaults for hosts (<see cref="HostDefaults"/>) apply where neither the application's
/// runtimeconfig nor the environment sets the same thing.
/// </summary>
internal sealed class HostCommand
{
    /// <summary>
    /// Runtime settings Thespian gives hosts unless the application sets them: a small gen0 budget (about half the
    /// memory of an idle host after work) and the large-object threshold of Thespian.Admin.csproj (messages of up to
    /// 3 MiB are young objects). Each is the environment variable's name after <c>DOTNET_</c>, the runtimeconfig
    /// property with the same meaning, and the value.
    /// </summary>
    internal static readonly IReadOnlyList<(string Variable, string Property, string Value)> HostDefaults =
    [
        ("GCgen0size", "System.GC.Gen0Size", "0x100000"),
        ("GCLOHThreshold", "System.GC.LOHThreshold", "0x300000"),
    ];

    private readonly string _fileName;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyList<(string Name, string Value)> _environment;

    private HostCommand(string fileName, IReadOnlyList<string> arguments, IReadOnlyList<(string Name, string Value)> environment)
    {
        _fileName = fileName;
        _arguments = arguments;
        _environment = environment;
    }

    /// <summary>The application whose files hosts run with; null when they run with Thespian.Admin's own.</summary>
    public ApplicationRuntime? Application { get; private init; }

    /// <summary>The command for hosts of this admin.</summary>
    /// <param name="application">The application's files, or null (also ignored when this admin is a single-file bundle).</param>
    public static HostCommand For(ApplicationRuntime? application)
    {
        var adminAssembly = typeof(HostCommand).Assembly.Location;
        if (application is null || string.IsNullOrEmpty(adminAssembly))
        {
            var (fileName, arguments) = SelfCommand.For("host");
            return new HostCommand(fileName, arguments, Defaults(new HashSet<string>()));
        }

        return new HostCommand(DotnetHost.Path,
                               ["exec", "--depsfile", application.DepsFile, "--runtimeconfig", application.RuntimeConfigFile,
                                adminAssembly, "host"],
                               Defaults(application.ConfigPropertyNames()))
        {
            Application = application,
        };
    }

    /// <summary>The program started (dotnet, or Thespian.Admin's apphost).</summary>
    public string FileName => _fileName;

    /// <summary>The arguments before the host's options.</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary>The environment variables set for hosts, besides what they inherit.</summary>
    public IReadOnlyList<(string Name, string Value)> Environment => _environment;

    /// <summary>A start for one host: the command, then the caller adds the host's options.</summary>
    public ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(_fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static List<(string Name, string Value)> Defaults(IReadOnlySet<string> setByApplication) =>
        HostDefaults.Where(d => !setByApplication.Contains(d.Property) &&
                                string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("DOTNET_" + d.Variable)) &&
                                string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("COMPlus_" + d.Variable)))
                    .Select(d => ("DOTNET_" + d.Variable, d.Value))
                    .ToList();
}
