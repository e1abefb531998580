using Microsoft.Extensions.Logging;
using Thespian.Runtime;

// CA1873 (argument evaluation cost when logging is off) is about production hot paths; these tests log on purpose.
#pragma warning disable CA1873

namespace Thespian.Tests.Unit.Logging;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class TextLoggerProviderTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"thespian-unit-{Guid.NewGuid():N}", "system.log");

    [TearDown]
    public void DeleteLogFile()
    {
        var directory = Path.GetDirectoryName(_path)!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string[] WriteWith(LogLevel minimum, Action<ILogger, ActorAddress> write)
    {
        var address = ActorAddress.CreateNew();
        using (var provider = TextLoggerProvider.ForFile(_path, minimum))
        {
            write(new ActorLogger(provider.CreateLogger("Tests.Greeter"), address), address);
        }

        return File.ReadAllLines(_path);
    }

    [Test]
    public void ForFile_DirectoryMissing_CreatesItAndTheFile()
    {
        WriteWith(LogLevel.Information, (logger, _) => logger.LogInformation("hello"));

        Assert.That(File.Exists(_path), Is.True);
    }

    [Test]
    public void Log_ActorRecord_WritesOneLineWithLevelCategoryAddressAndText()
    {
        ActorAddress? actor = null;
        var lines = WriteWith(LogLevel.Information, (logger, address) =>
        {
            actor = address;
            logger.LogInformation("Greeted {Name}", "Ada");
        });

        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.Contain("INFO").And.Contain("Tests.Greeter").And.Contain(actor!.ToString()).And.Contain("Greeted Ada"));
    }

    [Test]
    public void Log_RecordsBelowTheMinimumLevel_AreNotWritten()
    {
        var lines = WriteWith(LogLevel.Warning, (logger, _) =>
        {
            logger.LogDebug("debug line");
            logger.LogInformation("info line");
            logger.LogWarning("warning line");
            logger.LogError("error line");
        });

        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.Contain("WARN").And.Contain("warning line"));
        Assert.That(lines[1], Does.Contain("ERROR").And.Contain("error line"));
    }

    [Test]
    public void Log_WithException_WritesTheExceptionAfterTheLine()
    {
        var text = string.Join('\n', WriteWith(LogLevel.Information, (logger, _) =>
            logger.LogError(new InvalidDataException("bad frame"), "Receive failed")));

        Assert.That(text, Does.Contain("Receive failed").And.Contain("System.IO.InvalidDataException: bad frame"));
    }

    [Test]
    public void Log_RecordWithoutAnActorAddress_WritesTheCategoryOnly()
    {
        using (var provider = TextLoggerProvider.ForFile(_path, LogLevel.Information))
        {
            provider.CreateLogger("Thespian.Runtime").LogInformation("system record");
        }

        var line = File.ReadAllLines(_path).Single();
        Assert.That(line, Does.Contain("Thespian.Runtime => system record"));
    }

    [Test]
    public void ForFile_ExistingFile_AppendsToIt()
    {
        WriteWith(LogLevel.Information, (logger, _) => logger.LogInformation("first"));

        var lines = WriteWith(LogLevel.Information, (logger, _) => logger.LogInformation("second"));

        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.Contain("first"));
        Assert.That(lines[1], Does.Contain("second"));
    }

    [Test]
    public void IsEnabled_NoneLevel_IsFalse()
    {
        using var provider = TextLoggerProvider.ForFile(_path, LogLevel.Trace);

        Assert.That(provider.CreateLogger("x").IsEnabled(LogLevel.None), Is.False);
    }
}
