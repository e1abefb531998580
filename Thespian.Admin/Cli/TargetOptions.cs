using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Thespian.Wire.Authentication;

namespace Thespian.Admin.Cli;

/// <summary>
/// The options every verb has: which base (<c>--base</c>), which admin port (<c>--port</c>), and the file holding the
/// system's secret (<c>--secret-file</c>).
/// </summary>
internal sealed class TargetOptions
{
    /// <summary>Creates a fresh pair of options for one verb.</summary>
    public TargetOptions()
    {
        Base = new Option<AdminBase>("--base")
        {
            Description = $"The system base: {SystemBaseNames.MultiprocTcp} or {SystemBaseNames.MultiprocUdp}.",
            HelpName = "BASE",
            DefaultValueFactory = _ => AdminBase.Tcp,
            CustomParser = ParseBase,
        };
        Port = new Option<int?>("--port")
        {
            Description = $"The admin port. [default: {AdminBase.Tcp.DefaultPort} for {SystemBaseNames.MultiprocTcp}, " +
                          $"{AdminBase.Resolve(SystemBaseNames.MultiprocUdp).DefaultPort} for {SystemBaseNames.MultiprocUdp}]",
            HelpName = "N",
            CustomParser = ParsePort,
        };
        SecretFile = new Option<string?>("--secret-file")
        {
            Description = $"A file holding the system's shared secret (the capability \"{CommonCapabilities.ThespianSecretFile}\"). " +
                          $"[default: the file {SecretSettings.FileVariable} names, if set]",
            HelpName = "PATH",
        };
    }

    /// <summary>--base NAME.</summary>
    public Option<AdminBase> Base { get; }

    /// <summary>--port N.</summary>
    public Option<int?> Port { get; }

    /// <summary>--secret-file PATH.</summary>
    public Option<string?> SecretFile { get; }

    /// <summary>Adds the options to a verb.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Base);
        command.Options.Add(Port);
        command.Options.Add(SecretFile);
    }

    /// <summary>
    /// The base (with the system's secret) and port a command line names (the base's default port when none is given).
    /// </summary>
    /// <exception cref="CliException">The secret file cannot be used (exit code 2).</exception>
    public (AdminBase Base, int Port) Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var adminBase = parseResult.GetValue(Base) ?? AdminBase.Tcp;
        var secretFile = parseResult.GetValue(SecretFile) is { Length: > 0 } path ? Path.GetFullPath(path) : null;
        try
        {
            var secret = SecretSettings.From(secretFile is null
                ? null
                : [new KeyValuePair<string, object?>(CommonCapabilities.ThespianSecretFile, secretFile)]);
            adminBase = adminBase with { SecretFile = secretFile, Secret = secret };
        }
        catch (ActorSystemStartupFailureException ex)
        {
            throw CliException.BadArguments(ex.Message);
        }

        return (adminBase, parseResult.GetValue(Port) ?? adminBase.DefaultPort);
    }

    private static AdminBase? ParseBase(ArgumentResult result)
    {
        try
        {
            return AdminBase.Resolve(result.Tokens[0].Value);
        }
        catch (CliException ex)
        {
            result.AddError(ex.Message);
            return null;
        }
    }

    private static int? ParsePort(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        result.AddError($"--port needs a port number from 1 to 65535; got '{text}'.");
        return null;
    }
}
