using Microsoft.Extensions.Logging;
using Moq;
using Thespian.Runtime;

// CA1873 (argument evaluation cost when logging is off) is about production hot paths; these tests log on purpose.
#pragma warning disable CA1873

namespace Thespian.Tests.Unit.Logging;

public sealed class ActorLoggerTests
{
    /// <summary>An <see cref="ILogger"/> that keeps what it was given.</summary>
    private sealed class RecordingLogger(LogLevel minimum = LogLevel.Trace) : ILogger
    {
        public List<(LogLevel Level, EventId EventId, IReadOnlyList<KeyValuePair<string, object?>> Pairs, string Text, Exception? Exception)> Records { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                                Func<TState, Exception?, string> formatter)
        {
            var pairs = state is IEnumerable<KeyValuePair<string, object?>> list ? list.ToList() : [];
            Records.Add((logLevel, eventId, pairs, formatter(state, exception), exception));
        }
    }

    [Test]
    public void Log_StructuredMessage_AddsActorAddressAndKeepsTheOriginalPairs()
    {
        var inner = new RecordingLogger();
        var address = ActorAddress.CreateNew();
        var logger = new ActorLogger(inner, address);

        logger.LogInformation("Served {Customer} in {Seconds} s", "Ada", 3);

        var pairs = inner.Records.Single().Pairs;
        Assert.That(pairs, Does.Contain(new KeyValuePair<string, object?>("Customer", "Ada")));
        Assert.That(pairs, Does.Contain(new KeyValuePair<string, object?>("Seconds", 3)));
        Assert.That(pairs, Does.Contain(new KeyValuePair<string, object?>("{OriginalFormat}", "Served {Customer} in {Seconds} s")));
        Assert.That(pairs, Does.Contain(new KeyValuePair<string, object?>(ActorLogger.AddressProperty, address)));
        Assert.That(ActorLogger.AddressProperty, Is.EqualTo("ActorAddress"));
    }

    [Test]
    public void Log_StructuredMessage_KeepsTheFormattedTextLevelEventAndException()
    {
        var inner = new RecordingLogger();
        var logger = new ActorLogger(inner, ActorAddress.CreateNew());
        var failure = new InvalidOperationException("boom");

        logger.LogWarning(new EventId(7, "Seven"), failure, "Served {Customer}", "Ada");

        var record = inner.Records.Single();
        Assert.That(record.Text, Is.EqualTo("Served Ada"));
        Assert.That(record.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(record.EventId.Id, Is.EqualTo(7));
        Assert.That(record.Exception, Is.SameAs(failure));
    }

    [Test]
    public void Log_StateThatIsNotAPairList_CarriesOnlyTheActorAddressAndItsOwnText()
    {
        var inner = new RecordingLogger();
        var address = ActorAddress.CreateNew();
        var logger = new ActorLogger(inner, address);

        logger.Log(LogLevel.Information, default, 42, null, (state, _) => $"the answer is {state}");

        var record = inner.Records.Single();
        Assert.That(record.Pairs, Is.EqualTo(Seq.Of(new KeyValuePair<string, object?>("ActorAddress", address))));
        Assert.That(record.Text, Is.EqualTo("the answer is 42"));
    }

    [Test]
    public void Log_LevelBelowTheInnerLoggersMinimum_IsNotPassedOn()
    {
        var inner = new RecordingLogger(LogLevel.Warning);
        var logger = new ActorLogger(inner, ActorAddress.CreateNew());

        logger.LogInformation("quiet");

        Assert.That(inner.Records, Is.Empty);
        Assert.That(logger.IsEnabled(LogLevel.Information), Is.False);
        Assert.That(logger.IsEnabled(LogLevel.Error), Is.True);
    }

    /// <summary>An application's logger factory that hands out one recording logger and notes the categories asked for.</summary>
    private sealed class RecordingFactory(RecordingLogger logger) : ILoggerFactory
    {
        public List<string> Categories { get; } = [];

        public ILogger CreateLogger(string categoryName)
        {
            Categories.Add(categoryName);
            return logger;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class Chatty : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender) =>
            Logger.LogInformation("Got {Message}", message);
    }

    [Test]
    public void Logger_ActorLogsInReceiveMessage_RecordCarriesItsAddressUnderItsTypesCategory()
    {
        var recorder = new RecordingLogger();
        var factory = new RecordingFactory(recorder);
        using var logging = new ThespianLogging(new LogDefs { LoggerFactory = factory, MinimumLevel = LogLevel.Trace });
        var harness = new CellHarness();
        harness.Runtime.SetupGet(r => r.Logging).Returns(logging);
        var cell = harness.Start<Chatty>();

        cell.Deliver("hi", ActorAddress.CreateNew());

        var record = recorder.Records.Single(r => r.Text == "Got hi");
        Assert.That(record.Pairs, Does.Contain(new KeyValuePair<string, object?>("ActorAddress", cell.Address)));
        Assert.That(factory.Categories, Does.Contain(typeof(Chatty).FullName));
    }

    [Test]
    public void Logger_OfACell_IsOneActorLoggerForTheCellsLife()
    {
        var cell = new CellHarness().Start<Chatty>();

        var first = cell.Logger;
        var second = cell.Logger;

        Assert.That(first, Is.InstanceOf<ActorLogger>());
        Assert.That(second, Is.SameAs(first));
    }
}
