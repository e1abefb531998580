namespace Thespian.Tests.Peer;

/// <summary>
/// Where the current process runs, as the namespace tests check it: its network namespace and the address its
/// system's endpoints bind (THESPIAN_BASE_IPADDR, which an admin's hosts inherit).
/// </summary>
public static class ProcessPlace
{
    /// <summary>The process's network namespace, "net:[inode]" (what /proc/self/ns/net links to), or "unknown".</summary>
    public static string Namespace
    {
        get
        {
            try
            {
                return new FileInfo("/proc/self/ns/net").LinkTarget ?? "unknown";
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return "unknown";
            }
        }
    }

    /// <summary>The value of THESPIAN_BASE_IPADDR, or "unset" (then the endpoints bind loopback).</summary>
    public static string BaseAddress =>
        Environment.GetEnvironmentVariable("THESPIAN_BASE_IPADDR") is { Length: > 0 } address ? address : "unset";
}
