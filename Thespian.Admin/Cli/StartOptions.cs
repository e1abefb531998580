using System.CommandLine;
using System.CommandLine.Parsing;
using Thespian.Multiproc;
using Thespian.Runtime;

namespace Thespian.Admin.Cli;

/// <summary>The options of <c>start</c> besides <see cref="TargetOptions"/>: capabilities, convention, actor path, foreground.</summary>
internal sealed class StartOptions
{
    /// <summary>Creates the options for the start verb.</summary>
    public StartOptions()
    {
        Capabilities = new Option<IReadOnlyDictionary<string, object?>>("--capability")
        {
            Description = "An initial capability of the system (repeatable). " + CapabilityValues.TypingRule,
            HelpName = "NAME=VALUE",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = ParseCapabilities,
        };
        Convention = new Option<string?>("--convention")
        {
            Description = $"The convention leader's admin; sets the capability \"{CommonCapabilities.ConventionAddressIPv4}\".",
            HelpName = "HOST:PORT",
            CustomParser = CapabilityValues.ParseConvention,
        };
        ActorPath = new Option<string[]>("--actor-path")
        {
            Description = "A folder the admin may load actor assemblies from, besides its own (repeatable).",
            HelpName = "DIR",
            Arity = ArgumentArity.OneOrMore,
        };
        ActorPath.Validators.Add(RequireFolders);
        App = new Option<string?>("--app")
        {
            Description = "The application whose actors the system runs: its main .dll, with its .deps.json and .runtimeconfig.json " +
                          "beside it. Actor hosts then resolve dependencies and run with its runtime settings (culture data, GC) " +
                          "as the application does, and its folder is on the actor path.",
            HelpName = "FILE",
        };
        App.Validators.Add(RequireApplication);
        Foreground = new Option<bool>("--foreground")
        {
            Description = "Run the admin in this process until the system is stopped (or Ctrl+C shuts it down), " +
                          "instead of starting it detached and returning.",
        };
    }

    /// <summary>--capability NAME=VALUE, repeatable.</summary>
    public Option<IReadOnlyDictionary<string, object?>> Capabilities { get; }

    /// <summary>--convention HOST:PORT.</summary>
    public Option<string?> Convention { get; }

    /// <summary>--actor-path DIR, repeatable.</summary>
    public Option<string[]> ActorPath { get; }

    /// <summary>--app FILE.</summary>
    public Option<string?> App { get; }

    /// <summary>--foreground.</summary>
    public Option<bool> Foreground { get; }

    /// <summary>Adds the options to the start verb.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Capabilities);
        command.Options.Add(Convention);
        command.Options.Add(ActorPath);
        command.Options.Add(App);
        command.Options.Add(Foreground);
    }

    /// <summary>The initial capabilities: every --capability, then --convention.</summary>
    public Dictionary<string, object?> ReadCapabilities(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var capabilities = new Dictionary<string, object?>(
            parseResult.GetValue(Capabilities) ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        if (parseResult.GetValue(Convention) is { } convention)
        {
            capabilities[CommonCapabilities.ConventionAddressIPv4] = convention;
        }

        return capabilities;
    }

    /// <summary>The --actor-path folders, as full paths, then the folder of the --app application.</summary>
    public IReadOnlyList<string> ReadActorPath(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var folders = (parseResult.GetValue(ActorPath) ?? []).Select(Path.GetFullPath).ToList();
        if (parseResult.GetValue(App) is { } app)
        {
            folders.Add(Path.GetDirectoryName(Path.GetFullPath(app))!);
        }

        return folders;
    }

    /// <summary>The --app application's deps.json and runtimeconfig.json; null without --app.</summary>
    public ApplicationRuntime? ReadApplication(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(App) is { } app ? ApplicationFiles(app) : null;
    }

    private static ApplicationRuntime? ApplicationFiles(string app)
    {
        var full = Path.GetFullPath(app);
        var stem = full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? full[..^4] : full;
        return ApplicationRuntime.TryFrom(stem + ".deps.json", stem + ".runtimeconfig.json");
    }

    private static void RequireApplication(OptionResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (ApplicationFiles(token.Value) is null)
            {
                result.AddError($"--app: '{token.Value}' is not a framework-dependent application with its .deps.json and " +
                                ".runtimeconfig.json beside it (a self-contained or single-file one cannot lend its settings).");
            }
        }
    }

    private static IReadOnlyDictionary<string, object?> ParseCapabilities(ArgumentResult result)
    {
        var capabilities = CapabilityValues.ParseCapabilities(result);
        if (ProcessStartupMethods.Problem(capabilities) is { } problem)
        {
            result.AddError(problem);
        }

        foreach (var name in capabilities.Keys)
        {
            if (name == CommonCapabilities.AdminPort)
            {
                result.AddError($"Set the admin port with --port, not --capability \"{CommonCapabilities.AdminPort}\".");
            }
            else if (CommonCapabilities.ReadOnlyNames.Contains(name))
            {
                result.AddError($"The capability \"{name}\" is read-only: the actor system supplies it.");
            }
        }

        return capabilities;
    }

    private static void RequireFolders(OptionResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (!Directory.Exists(token.Value))
            {
                result.AddError($"--actor-path: the folder '{token.Value}' does not exist.");
            }
        }
    }
}
