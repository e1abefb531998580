namespace Thespian.Tests.Loss;

/// <summary>
/// What the loss tests need from the machine: Linux, root (network namespaces and nftables), and the <c>ip</c>
/// (iproute2) and <c>nft</c> (nftables) programs; the other namespace tests (Convention/NamespaceConventionTests) need
/// all but nft. Without them the tests are skipped with the reason, except on CI (environment variable CI=true), where
/// .ci/run installs the tools and a missing one is a failure.
/// </summary>
public static class LossEnvironment
{
    /// <summary>How to get what is missing, said in every skip or failure.</summary>
    public const string Remedy = "run as root after `apt-get install -y nftables iproute2`";

    private static readonly string[] SystemFolders = ["/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/bin"];

    /// <summary>Whether this run is on CI (CI=true), where the loss tests must run.</summary>
    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of <c>ip</c>, or null when it is not installed.</summary>
    public static string? IpPath => Find("ip");

    /// <summary>The full path of <c>nft</c>, or null when it is not installed.</summary>
    public static string? NftPath => Find("nft");

    /// <summary>Skips the test (fails it on CI) unless the machine can run it; returns the paths of ip and nft.</summary>
    public static (string Ip, string Nft) Require() => Check(needsNft: true);

    /// <summary>
    /// Skips the test (fails it on CI) unless the machine can create network namespaces and links between them (Linux,
    /// root, ip); returns the path of ip.
    /// </summary>
    public static string RequireNamespaces() => Check(needsNft: false).Ip;

    private static (string Ip, string Nft) Check(bool needsNft)
    {
        if (!OperatingSystem.IsLinux())
        {
            Unavailable("they need Linux network namespaces and nftables");
        }

        if (!IsRoot())
        {
            Unavailable("they create network namespaces and nftables rules, which needs root");
        }

        var ip = IpPath;
        var nft = NftPath;
        if (ip is null || (needsNft && nft is null))
        {
            var missing = string.Join(" and ", new[] { ip is null ? "ip (iproute2)" : null, needsNft && nft is null ? "nft (nftables)" : null }.OfType<string>());
            Unavailable($"{missing} not found on PATH or in {string.Join(':', SystemFolders)}");
        }

        return (ip!, nft ?? "");
    }

    /// <summary>Skips the test with the reason, or fails it on CI; never returns.</summary>
    /// <param name="reason">Why the loss tests cannot run here.</param>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Unavailable(string reason)
    {
        var message = $"Loss tests cannot run: {reason}; {Remedy}.";
        if (OnCi)
        {
            Assert.Fail($"{message} On CI (CI=true) they must run: .ci/run installs nftables and iproute2.");
        }

        Assert.Ignore(message);
        throw new InvalidOperationException("unreachable: Assert.Ignore throws");
    }

    /// <summary>Whether the effective user id is 0 (the second field of the "Uid:" line in /proc/self/status).</summary>
    private static bool IsRoot()
    {
        try
        {
            var uidLine = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = uidLine?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];
            return fields.Length > 2 && fields[2] == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A program on PATH or in the usual system folders (sbin is often not on a non-login PATH).</summary>
    private static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(':', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return path.Concat(SystemFolders)
                   .Select(folder => Path.Combine(folder, program))
                   .FirstOrDefault(File.Exists);
    }
}
