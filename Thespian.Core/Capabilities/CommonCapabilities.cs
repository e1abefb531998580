namespace Thespian;

/// <summary>
/// The names of the capabilities that Thespian itself supplies or understands (Python guide §8.1
/// and the multiproc sections of §8).
/// </summary>
public static class CommonCapabilities
{
    /// <summary>Read-only: the API generation, as "(generation, enhancement)" numbers.</summary>
    public const string ThespianGeneration = "Thespian Generation";

    /// <summary>Read-only: the Thespian for .NET version.</summary>
    public const string ThespianVersion = "Thespian Version";

    /// <summary>Read-only: the name of the running system base, e.g. "simpleSystemBase".</summary>
    public const string ActorSystemName = "Thespian ActorSystem Name";

    /// <summary>Read-only: the version of the running system base.</summary>
    public const string ActorSystemVersion = "Thespian ActorSystem Version";

    /// <summary>Read-only: the .NET runtime version (in place of Python's "Python Version").</summary>
    public const string DotNetVersion = ".NET Version";

    /// <summary>Settable: whether sources loaded on remote systems may run here ("Yes", "No", "LeaderOnly").</summary>
    public const string AllowRemoteActorSources = "AllowRemoteActorSources";

    /// <summary>Multiproc bases: the admin's port (TCP default 1900, UDP default 1029).</summary>
    public const string AdminPort = "Admin Port";

    /// <summary>
    /// Multiproc bases: the convention leaders' admins, as "host:port"; several, in order of preference, as a
    /// <c>string[]</c> or one comma-separated string.
    /// </summary>
    public const string ConventionAddressIPv4 = "Convention Address.IPv4";

    /// <summary>
    /// Multiproc bases: how often (seconds, default 1) a member checks in with its leaders. Python's environment
    /// variable <c>CONVENTION_REREGISTRATION_PERIOD</c> ("minutes:seconds") is honoured when this is not set.
    /// </summary>
    public const string ConventionRegistrationPeriod = "Convention Registration Period";

    /// <summary>
    /// Multiproc bases: how many check-in periods of silence (default 3) make a system of the convention lost.
    /// Python's environment variable <c>CONVENTION_REGISTRATION_MISS_MAX</c> is honoured when this is not set.
    /// </summary>
    public const string ConventionRegistrationMissMax = "Convention Registration Miss Max";

    /// <summary>Multiproc bases: remote actors reach local ones only through the admin.</summary>
    public const string AdminRouting = "Admin Routing";

    /// <summary>Multiproc bases: this system only makes outbound connections.</summary>
    public const string OutboundOnly = "Outbound Only";

    /// <summary>Read-only: whether <c>Watch</c> is supported by the running base.</summary>
    public const string WatchSupported = "Thespian Watch Supported";

    /// <summary>Multiproc bases: how actor processes start ("pool" or "spawn").</summary>
    public const string ProcessStartupMethod = "Process Startup Method";

    /// <summary>
    /// Multiproc bases: the system's shared secret (text). Every connection and datagram then proves knowledge of it, and
    /// anything that cannot is refused before a byte of it is read as a message. It is never logged, and status shows it
    /// as "(redacted)". Prefer <see cref="ThespianSecretFile"/>, which keeps the secret out of the program.
    /// </summary>
    public const string ThespianSecret = "Thespian Secret";

    /// <summary>
    /// Multiproc bases: a file whose contents are the system's shared secret (see <see cref="ThespianSecret"/>; trailing
    /// white space is ignored). The environment variable <c>THESPIAN_SECRET_FILE</c> does the same when neither is set.
    /// </summary>
    public const string ThespianSecretFile = "Thespian Secret File";

    /// <summary>
    /// multiprocTCPBase: a certificate with its private key — a PKCS#12 (.pfx/.p12) file, or a PEM file holding the
    /// certificate and its key — that turns on TLS for every connection of the system, in both directions. Each side
    /// presents it and checks the peer's against <see cref="ThespianTlsTrust"/> (the system's own certificate is always
    /// trusted, so one self-signed certificate shared by every process works). A peer without TLS is refused.
    /// </summary>
    public const string ThespianTlsCertificate = "Thespian TLS Certificate";

    /// <summary>
    /// multiprocTCPBase: the password of <see cref="ThespianTlsCertificate"/> (text). It is never logged, and status shows
    /// it as "(redacted)". Prefer <see cref="ThespianTlsCertificatePasswordFile"/>.
    /// </summary>
    public const string ThespianTlsCertificatePassword = "Thespian TLS Certificate Password";

    /// <summary>
    /// multiprocTCPBase: a file whose contents are the password of <see cref="ThespianTlsCertificate"/> (trailing white
    /// space is ignored).
    /// </summary>
    public const string ThespianTlsCertificatePasswordFile = "Thespian TLS Certificate Password File";

    /// <summary>
    /// multiprocTCPBase with <see cref="ThespianTlsCertificate"/>: what peers' certificates must chain to or match, besides
    /// the system's own certificate — a comma-separated list of CA certificate files (PEM or DER) and certificate
    /// thumbprints (SHA-256 or SHA-1, hexadecimal; colons allowed). A <c>string[]</c> works too.
    /// </summary>
    public const string ThespianTlsTrust = "Thespian TLS Trust";

    /// <summary>
    /// Multiproc TCP base: how long (seconds, default 30) a started frame, or a connection's handshake, may take to
    /// arrive in full. A connection that stalls past it (a slowloris, a stuck peer, a stranger that connects and sends
    /// nothing) is closed and logged. A number (an <c>int</c>, a <c>double</c> or a numeric string), from 0.1 to 3,600.
    /// </summary>
    public const string FrameDeadlineSeconds = "Frame Deadline Seconds";

    /// <summary>
    /// Multiproc TCP base: how many inbound connections one process keeps open at once (default 4,096; each takes a
    /// receiving thread). Past it, a new connection is closed at once and logged, with the peer and this name. Every
    /// process that sends to another holds one connection to it, so the admin needs about one per actor process and
    /// client; raise it for systems larger than that.
    /// </summary>
    public const string MaxInboundConnections = "Max Inbound Connections";

    /// <summary>The names no application may set or change.</summary>
    internal static readonly IReadOnlySet<string> ReadOnlyNames = new HashSet<string>(StringComparer.Ordinal)
    {
        ThespianGeneration, ThespianVersion, ActorSystemName, ActorSystemVersion, DotNetVersion, WatchSupported,
    };
}
