using System.Text.RegularExpressions;

namespace Thespian.Tests.Packaging;

/// <summary>
/// A new console application outside the repository, as a user would write one: its own nuget.config (the local
/// package folder, plus the package sources this machine already uses), a project that references only the
/// bases' packages — no Thespian.Core, no Thespian.Admin, no project reference, no copy step — and a program that
/// asks an actor which process it runs in.
/// </summary>
internal sealed partial class ConsumerApp
{
    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Thespian.Bases.Simple" Version="$VERSION" />
            <PackageReference Include="Thespian.Bases.MultiprocTcp" Version="$VERSION" />
            <PackageReference Include="Thespian.Bases.MultiprocUdp" Version="$VERSION" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using System.Globalization;
        using Thespian;

        // args: base [admin port] [log file]
        var capabilities = new Dictionary<string, object?>();
        if (args.Length > 1)
        {
            capabilities[CommonCapabilities.AdminPort] = int.Parse(args[1], CultureInfo.InvariantCulture);
        }

        var logDefs = args.Length > 2 ? new LogDefs { FilePath = args[2] } : LogDefs.Disabled;
        var system = new ActorSystem(args[0], capabilities, logDefs);
        try
        {
            var actor = system.CreateActor<WhereAmI>();
            var answer = system.Ask(actor, "where are you?", TimeSpan.FromSeconds(60));
            Console.WriteLine($"application process {Environment.ProcessId}; {answer}");
        }
        finally
        {
            system.Shutdown();
        }

        /// <summary>Answers with the id of the process it runs in.</summary>
        public sealed class WhereAmI : Actor
        {
            /// <inheritdoc />
            public override void ReceiveMessage(object message, ActorAddress sender) =>
                Send(sender, $"actor process {Environment.ProcessId}");
        }
        """;

    private ConsumerApp(string folder, IReadOnlyDictionary<string, string?> environment)
    {
        Folder = folder;
        Environment = environment;
    }

    /// <summary>The project's folder.</summary>
    public string Folder { get; }

    /// <summary>
    /// The environment its dotnet commands run with: NuGet's package cache in the test's own folder (so the test's
    /// packages never land in the machine's cache), which falls back on the machine's cache for everything else.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>Writes the application into <paramref name="root"/>/app.</summary>
    public static ConsumerApp Create(string root, LocalPackages packages)
    {
        var folder = Path.Combine(root, "app");
        Directory.CreateDirectory(folder);
        var machineCache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Directory.Exists(machineCache)
            ? $"""
                <fallbackPackageFolders>
                  <add key="machine" value="{machineCache}" />
                </fallbackPackageFolders>
              """
            : "";
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="thespian-local" value="{packages.Feed}" />
              </packageSources>
            {fallback}
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "PackageApp.csproj"), ProjectFile.Replace("$VERSION", packages.Version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
        return new ConsumerApp(folder, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") });
    }

    /// <summary>Runs <c>dotnet args…</c> in the application's folder and fails the test unless it succeeds.</summary>
    public CommandResult Dotnet(params string[] args)
    {
        var result = DotnetCli.Dotnet(Folder, Environment, args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }

    /// <summary>The application's process and the actor's, from the line the program prints.</summary>
    public static (int Application, int Actor) ProcessesIn(CommandResult run)
    {
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var match = AnswerLine().Match(run.Output);
        Assert.That(match.Success, Is.True, "no answer from the actor:\n" + run);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"application process (\d+); actor process (\d+)")]
    private static partial Regex AnswerLine();
}
