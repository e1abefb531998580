using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Admin.Cli;

/// <summary>
/// The options every verb has: which base (<c>--base</c>), which admin port (<c>--port</c>), the file holding the
/// system's secret (<c>--secret-file</c>), and its TLS settings (<c>--tls-certificate</c>, <c>--tls-password-file</c>,
/// <c>--tls-trust</c>).
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
        TlsCertificate = new Option<string?>("--tls-certificate")
        {
            Description = $"The system's TLS certificate with its private key, a PKCS#12 (.pfx) or PEM file (the capability " +
                          $"\"{CommonCapabilities.ThespianTlsCertificate}\"): every connection runs TLS.",
            HelpName = "PATH",
        };
        TlsPasswordFile = new Option<string?>("--tls-password-file")
        {
            Description = $"A file holding the password of --tls-certificate (the capability \"{CommonCapabilities.ThespianTlsCertificatePasswordFile}\").",
            HelpName = "PATH",
        };
        TlsTrust = new Option<string?>("--tls-trust")
        {
            Description = $"CA certificate files and certificate thumbprints that peers' certificates must chain to or match, " +
                          $"comma-separated (the capability \"{CommonCapabilities.ThespianTlsTrust}\"). [default: the system's own certificate only]",
            HelpName = "LIST",
        };
    }

    /// <summary>--base NAME.</summary>
    public Option<AdminBase> Base { get; }

    /// <summary>--port N.</summary>
    public Option<int?> Port { get; }

    /// <summary>--secret-file PATH.</summary>
    public Option<string?> SecretFile { get; }

    /// <summary>--tls-certificate PATH.</summary>
    public Option<string?> TlsCertificate { get; }

    /// <summary>--tls-password-file PATH.</summary>
    public Option<string?> TlsPasswordFile { get; }

    /// <summary>--tls-trust LIST.</summary>
    public Option<string?> TlsTrust { get; }

    /// <summary>Adds the options to a verb.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Base);
        command.Options.Add(Port);
        command.Options.Add(SecretFile);
        command.Options.Add(TlsCertificate);
        command.Options.Add(TlsPasswordFile);
        command.Options.Add(TlsTrust);
    }

    /// <summary>
    /// The base (with the system's secret and TLS settings) and port a command line names (the base's default port when none
    /// is given).
    /// </summary>
    /// <exception cref="CliException">The secret file or the TLS settings cannot be used (exit code 2).</exception>
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
            var tlsCapabilities = ReadTlsCapabilities(parseResult);
            adminBase = adminBase with { TlsCapabilities = tlsCapabilities, Tls = TlsSettings.From(tlsCapabilities) };
        }
        catch (ActorSystemStartupFailureException ex)
        {
            throw CliException.BadArguments(ex.Message);
        }

        return (adminBase, parseResult.GetValue(Port) ?? adminBase.DefaultPort);
    }

    /// <summary>The TLS options given, as the capabilities they stand for (files as full paths).</summary>
    private Dictionary<string, object?> ReadTlsCapabilities(ParseResult parseResult)
    {
        var capabilities = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (parseResult.GetValue(TlsCertificate) is { Length: > 0 } certificate)
        {
            capabilities[CommonCapabilities.ThespianTlsCertificate] = Path.GetFullPath(certificate);
        }

        if (parseResult.GetValue(TlsPasswordFile) is { Length: > 0 } passwordFile)
        {
            capabilities[CommonCapabilities.ThespianTlsCertificatePasswordFile] = Path.GetFullPath(passwordFile);
        }

        if (parseResult.GetValue(TlsTrust) is { Length: > 0 } trust)
        {
            // A file is named by its full path (a thumbprint stays as it is: no file of that name is expected here).
            capabilities[CommonCapabilities.ThespianTlsTrust] = string.Join(',',
                trust.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                     .Select(entry => File.Exists(entry) ? Path.GetFullPath(entry) : entry));
        }

        return capabilities;
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
