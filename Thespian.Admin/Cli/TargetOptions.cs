using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Thespian.Admin.Cli;

/// <summary>The options every verb has: which base (<c>--base</c>) and which admin port (<c>--port</c>).</summary>
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
    }

    /// <summary>--base NAME.</summary>
    public Option<AdminBase> Base { get; }

    /// <summary>--port N.</summary>
    public Option<int?> Port { get; }

    /// <summary>Adds both options to a verb.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Base);
        command.Options.Add(Port);
    }

    /// <summary>The base and port a command line names (the base's default port when none is given).</summary>
    public (AdminBase Base, int Port) Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var adminBase = parseResult.GetValue(Base) ?? AdminBase.Tcp;
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
