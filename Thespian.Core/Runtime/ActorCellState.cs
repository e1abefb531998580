namespace Thespian.Runtime;

/// <summary>Where an actor cell is in its life.</summary>
internal enum ActorCellState
{
    /// <summary>The actor's constructor is running: system operations are refused.</summary>
    Constructing,

    /// <summary>The actor handles messages.</summary>
    Running,

    /// <summary>The actor has exited (or never started): messages to it are dead letters.</summary>
    Stopped,
}
