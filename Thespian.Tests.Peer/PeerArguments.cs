using System.Globalization;

namespace Thespian.Tests.Peer;

/// <summary>The peer's command line (see Program.cs): the admin port, the options, the command and its arguments.</summary>
/// <param name="Port">The admin port of the system to start or join.</param>
/// <param name="LogFile">--log: the system's log file (none: no log).</param>
/// <param name="Base">--base: the system base's name (default multiprocTCPBase).</param>
/// <param name="Capabilities">--capability NAME=VALUE, repeatable: capabilities of the system ("true"/"false" are booleans).</param>
/// <param name="Command">The command.</param>
/// <param name="Arguments">The command's arguments.</param>
internal sealed record PeerArguments(int Port, string? LogFile, string Base, IReadOnlyDictionary<string, object?> Capabilities,
                                     string Command, IReadOnlyList<string> Arguments)
{
    /// <summary>Reads the command line.</summary>
    /// <exception cref="ArgumentException">It is not <c>&lt;admin port&gt; [options...] &lt;command&gt; [arguments...]</c>.</exception>
    public static PeerArguments Parse(string[] args)
    {
        if (args.Length < 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new ArgumentException("Expected: <admin port> [--log <file>] [--base <name>] [--capability <name>=<value>]... <command> [arguments...]");
        }

        var next = 1;
        string? logFile = null;
        var baseName = SystemBaseNames.MultiprocTcp;
        var capabilities = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (args[next] is "--log" or "--base" or "--capability")
        {
            if (args.Length < next + 3)
            {
                throw new ArgumentException($"{args[next]} needs a value and a command after it.");
            }

            var value = args[next + 1];
            switch (args[next])
            {
                case "--log":
                    logFile = value;
                    break;
                case "--base":
                    baseName = value;
                    break;
                default:
                    var equals = value.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ArgumentException($"--capability expects <name>=<value>, got \"{value}\".");
                    }

                    capabilities[value[..equals]] = value[(equals + 1)..] switch
                    {
                        "true" => true,
                        "false" => false,
                        var text => text,
                    };
                    break;
            }

            next += 2;
        }

        return new PeerArguments(port, logFile, baseName, capabilities, args[next], args[(next + 1)..]);
    }
}
