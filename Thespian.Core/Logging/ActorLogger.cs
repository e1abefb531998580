using System.Collections;
using Microsoft.Extensions.Logging;

namespace Thespian.Runtime;

/// <summary>An actor's logger: every record carries the actor's address as the property "ActorAddress".</summary>
internal sealed class ActorLogger(ILogger inner, ActorAddress address) : ILogger
{
    /// <summary>The name of the property that carries the actor's address.</summary>
    public const string AddressProperty = "ActorAddress";

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                            Func<TState, Exception?, string> formatter)
    {
        if (inner.IsEnabled(logLevel))
        {
            inner.Log(logLevel, eventId, new ActorLogState<TState>(state, address, formatter), exception,
                      ActorLogState<TState>.Format);
        }
    }

    /// <summary>The original state plus the actor's address.</summary>
    private readonly struct ActorLogState<TState>(TState state, ActorAddress address,
                                                  Func<TState, Exception?, string> formatter)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public static readonly Func<ActorLogState<TState>, Exception?, string> Format =
            static (s, e) => s._formatter(s._state, e);

        private readonly TState _state = state;
        private readonly Func<TState, Exception?, string> _formatter = formatter;

        private IReadOnlyList<KeyValuePair<string, object?>> Pairs =>
            _state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];

        public int Count => Pairs.Count + 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == Pairs.Count ? new(AddressProperty, address) : Pairs[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => _formatter(_state, null);
    }
}
