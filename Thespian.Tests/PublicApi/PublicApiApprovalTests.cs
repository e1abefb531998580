using System.Runtime.CompilerServices;

namespace Thespian.Tests.PublicApi;

/// <summary>
/// Freezes the public surface of Thespian.Core: the rendered API must equal the checked-in
/// PublicApi.approved.txt. A change to the surface fails here with the lines added and removed, and the
/// new rendering is written to PublicApi.received.txt beside the approved file in the source tree; review
/// it and copy it over the approved file when the change is intended.
/// </summary>
public sealed class PublicApiApprovalTests
{
    private const string ApprovedName = "PublicApi.approved.txt";
    private const string ReceivedName = "PublicApi.received.txt";

    [Test]
    public void PublicApi_ThespianCore_MatchesTheApprovedFile()
    {
        var received = PublicApiRenderer.Render(typeof(ActorSystem).Assembly);
        var approvedPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicApi", ApprovedName);
        var approved = File.Exists(approvedPath) ? ReadLines(approvedPath) : null;
        var receivedPath = Path.Combine(SourceFolder(), ReceivedName);

        if (approved is not null && approved.SequenceEqual(received, StringComparer.Ordinal))
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, string.Join('\n', received) + "\n");
        if (approved is null)
        {
            Assert.Fail($"No approved API file at {approvedPath}. The current API was written to {receivedPath}; " +
                        $"review it and save it as Thespian.Tests/PublicApi/{ApprovedName}.");
        }

        Assert.Fail(Describe(approved!, received, receivedPath));
    }

    [Test]
    public void Render_ThespianCore_IsDeterministicAndSorted()
    {
        var first = PublicApiRenderer.Render(typeof(ActorSystem).Assembly);
        var second = PublicApiRenderer.Render(typeof(ActorSystem).Assembly);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first[0], Is.EqualTo(PublicApiRenderer.Header));
        Assert.That(first.Skip(1), Is.Unique, "every line names one member once");
        var owners = first.Skip(1).Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)]).Distinct().ToList();
        Assert.That(owners, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "types are listed in ordinal order");
    }

    private static string[] ReadLines(string path) =>
        File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split('\n')
            .Select(l => l.TrimEnd())
            .Where(l => l.Length > 0)
            .ToArray();

    private static string Describe(IReadOnlyList<string> approved, IReadOnlyList<string> received, string receivedPath)
    {
        var removed = approved.Except(received, StringComparer.Ordinal).ToList();
        var added = received.Except(approved, StringComparer.Ordinal).ToList();
        var text = new System.Text.StringBuilder()
            .AppendLine($"The public API of Thespian.Core differs from Thespian.Tests/PublicApi/{ApprovedName}.")
            .AppendLine($"If the change is intended, review {receivedPath} and copy it over the approved file.");
        if (removed.Count > 0)
        {
            text.AppendLine($"Removed from the API ({removed.Count}; in the approved file, not in the code):");
            removed.ForEach(l => text.AppendLine("  - " + l));
        }

        if (added.Count > 0)
        {
            text.AppendLine($"Added to the API ({added.Count}; in the code, not in the approved file):");
            added.ForEach(l => text.AppendLine("  + " + l));
        }

        if (removed.Count == 0 && added.Count == 0)
        {
            text.AppendLine("The same lines are present in a different order (the approved file was edited by hand?).");
        }

        return text.ToString();
    }

    /// <summary>
    /// Thespian.Tests/PublicApi in the source tree: found by walking up from the test output to the folder
    /// holding Thespian.sln; when the output lives elsewhere (an --artifacts-path build), the folder of this
    /// source file; else the output folder itself.
    /// </summary>
    private static string SourceFolder([CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Thespian.sln")))
            {
                return Path.Combine(dir.FullName, "Thespian.Tests", "PublicApi");
            }
        }

        var sourceFolder = Path.GetDirectoryName(thisFile);
        if (sourceFolder is not null && Directory.Exists(sourceFolder))
        {
            return sourceFolder;
        }

        var outputFolder = Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicApi");
        Directory.CreateDirectory(outputFolder);
        return outputFolder;
    }
}
