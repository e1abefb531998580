namespace Thespian.Sources;

/// <summary>A validated source zip that cannot be used: corrupt, holding something that is not an assembly, or ambiguous.</summary>
internal sealed class InvalidActorSourceException(string message, Exception? inner = null) : Exception(message, inner);
