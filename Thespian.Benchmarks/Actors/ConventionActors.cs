namespace Thespian.Benchmarks.Actors;

// Actors for the convention scenario.

/// <summary>
/// Runs only where the capability "dog" is truthy (a system without it places the create on a convention member
/// that has it); says which process runs it and sends every other message back to its sender.
/// </summary>
[RequireCapability("dog")]
internal sealed class DogEcho : ProcessEcho;
