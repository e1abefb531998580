namespace Thespian.Multiproc;

/// <summary>What answers on an admin port.</summary>
internal enum AdminProbeResult
{
    /// <summary>Nothing listens there.</summary>
    Nothing,

    /// <summary>A Thespian endpoint answered the handshake.</summary>
    ThespianAdmin,

    /// <summary>Something answered, but not as Thespian.</summary>
    SomethingElse,

    /// <summary>
    /// A Thespian admin answered, but the two sides' secrets differ (one has none, or they have different ones): this
    /// process cannot talk to it. The detail says what to set.
    /// </summary>
    Unauthenticated,

    /// <summary>
    /// Something accepted the connection (or holds the UDP port) but did not answer within the probe's deadline: an admin
    /// that is busy, starting or behind a lossy link, or something that is not Thespian. Probe again before judging
    /// (<see cref="AdminProbes.ProbePatientlyAsync"/>).
    /// </summary>
    Unresponsive,
}

/// <summary>Checks an admin port without disturbing what listens there (one per transport).</summary>
internal interface IAdminProbe
{
    /// <summary>What answers at <paramref name="endpoint"/>, and in what words when it is not Thespian.</summary>
    Task<(AdminProbeResult Result, string Detail)> ProbeAsync(string endpoint, CancellationToken cancellationToken);
}
