using Thespian.Admin.Admin;

namespace Thespian.Benchmarks.Infrastructure;

/// <summary>The admin's warm pool of idle host processes ("Process Startup Method" "pool").</summary>
internal static class WarmPool
{
    /// <summary>How many idle hosts an admin keeps ready (the admin's default, read from the admin's own options).</summary>
    public static int Hosts { get; } = new AdminOptions { BaseName = SystemBaseNames.MultiprocTcp, Port = 1 }.WarmHosts;
}
