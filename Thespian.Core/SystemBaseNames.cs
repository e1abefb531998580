namespace Thespian;

/// <summary>The names of the system bases, as given to the <see cref="ActorSystem"/> constructor.</summary>
public static class SystemBaseNames
{
    /// <summary>Synchronous and in-process, for unit tests; the default.</summary>
    public const string Simple = "simpleSystemBase";

    /// <summary>One OS process per actor, TCP between them, managed by an admin on a port.</summary>
    public const string MultiprocTcp = "multiprocTCPBase";

    /// <summary>One OS process per actor, UDP between them, managed by an admin on a port.</summary>
    public const string MultiprocUdp = "multiprocUDPBase";
}
