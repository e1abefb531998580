using System.Globalization;

namespace Thespian.Tests.Packaging;

/// <summary>
/// The repository's packages, packed into a folder of their own (a local package source) under a version no other
/// build uses, with bin and obj in that folder too (--artifacts-path), so the working tree is left as it was.
/// </summary>
internal sealed class LocalPackages
{
    private LocalPackages(string feed, string version)
    {
        Feed = feed;
        Version = version;
    }

    /// <summary>The folder holding the .nupkg and .snupkg files.</summary>
    public string Feed { get; }

    /// <summary>The version every package was packed with.</summary>
    public string Version { get; }

    /// <summary>Packs build/Thespian.Packages.slnf (every package the repository makes) into <paramref name="root"/>/feed.</summary>
    public static LocalPackages Pack(string repositoryRoot, string root)
    {
        var version = string.Create(CultureInfo.InvariantCulture,
                                    $"0.0.1-packagetest.{Environment.ProcessId}.{DateTime.UtcNow:HHmmss}");
        var feed = Path.Combine(root, "feed");
        var result = DotnetCli.Dotnet(repositoryRoot, new Dictionary<string, string?>(),
                                      "pack", Path.Combine("build", "Thespian.Packages.slnf"), "-c", "Release", "-o", feed,
                                      "--artifacts-path", Path.Combine(root, "artifacts"), $"-p:Version={version}",
                                      "-p:ThespianReadyToRun=false");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Not.Contain("warning"), "packing must be warning-free:\n" + result);
        return new LocalPackages(feed, version);
    }

    /// <summary>The path of package <paramref name="id"/> (".snupkg" for its symbols).</summary>
    public string PathOf(string id, string extension = ".nupkg") => Path.Combine(Feed, $"{id}.{Version}{extension}");

    /// <summary>The folder of the repository: the nearest one above the test output that holds Thespian.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Thespian.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No Thespian.sln above {TestContext.CurrentContext.TestDirectory}: the packaging tests pack the repository.");
    }
}
