using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Thespian.Wire.Tls;

/// <summary>
/// A system's TLS settings, loaded: the certificate (with its private key) every process of the system presents, and
/// what a peer's certificate must be to be trusted — the system's own certificate, a pinned thumbprint, or one issued by
/// a trusted authority. Read from the capabilities by <see cref="TlsSettings"/>; nothing here ever formats the private
/// key or a password.
/// </summary>
internal sealed class TlsCredentials
{
    private const string InheritedVersion = "v1";

    private readonly HashSet<string> _pinned;
    private SslStreamCertificateContext? _certificateContext;

    /// <param name="certificate">This system's certificate, with its private key.</param>
    /// <param name="authorities">Certificates a peer's certificate may chain to (besides <paramref name="certificate"/>).</param>
    /// <param name="pinned">Thumbprints (SHA-256 or SHA-1, upper-case hexadecimal) of certificates trusted as they are.</param>
    public TlsCredentials(X509Certificate2 certificate, IEnumerable<X509Certificate2> authorities, IEnumerable<string> pinned)
    {
        Certificate = certificate;
        Authorities = [.. authorities];
        _pinned = new HashSet<string>(pinned, StringComparer.Ordinal);
    }

    /// <summary>This system's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// The certificate as every TLS handshake presents it, made once (offline: the chain is not fetched from anywhere).
    /// </summary>
    public SslStreamCertificateContext CertificateContext =>
        Volatile.Read(ref _certificateContext) ?? Interlocked.CompareExchange(ref _certificateContext, NewContext(), null) ?? _certificateContext!;

    /// <summary>The authorities of "Thespian TLS Trust".</summary>
    public IReadOnlyList<X509Certificate2> Authorities { get; }

    /// <summary>The pinned thumbprints of "Thespian TLS Trust".</summary>
    public IReadOnlyCollection<string> Pinned => _pinned;

    /// <summary>
    /// Whether a peer's certificate is trusted: valid now, and this system's own, pinned, or issued (through a chain) by
    /// one of <see cref="Authorities"/> or by this system's certificate. Host names are not checked: peers are addressed
    /// by IP address, and trust comes from this system's own settings, not from a public authority.
    /// </summary>
    /// <param name="peer">The certificate the peer presented (null: none).</param>
    /// <param name="reason">Why it is not trusted, saying what to set; null when it is.</param>
    public bool Trusts(X509Certificate? peer, out string? reason)
    {
        if (peer is null)
        {
            reason = $"it presented no certificate (every process of a TLS system presents one: {TlsSettings.WhatToSet})";
            return false;
        }

        using var owned = peer is X509Certificate2 ? null : X509CertificateLoader.LoadCertificate(peer.GetRawCertData());
        var certificate = owned ?? (X509Certificate2)peer;
        var now = DateTime.Now;
        if (now > certificate.NotAfter || now < certificate.NotBefore)
        {
            reason = $"its certificate {Describe(certificate)} is not valid now (valid from {Time(certificate.NotBefore)} " +
                     $"to {Time(certificate.NotAfter)}): renew it";
            return false;
        }

        if (certificate.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span) ||
            _pinned.Contains(certificate.Thumbprint) ||
            _pinned.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA256)) ||
            ChainsToAuthority(certificate))
        {
            reason = null;
            return true;
        }

        reason = $"its certificate {Describe(certificate)} is not trusted: it is not this system's own certificate, its " +
                 $"thumbprint is not pinned, and it is not issued by an authority in \"{CommonCapabilities.ThespianTlsTrust}\" " +
                 "(add its CA's certificate file or its SHA-256 thumbprint there, on every process of the system)";
        return false;
    }

    /// <summary>A certificate as a log line may show it: subject, SHA-256 thumbprint, expiry (never a key).</summary>
    public static string Describe(X509Certificate2 certificate) =>
        $"\"{certificate.Subject}\" (SHA-256 {certificate.GetCertHashString(HashAlgorithmName.SHA256)})";

    /// <summary>The settings, for a child process of this system only (see <see cref="TlsSettings.HandDown"/>).</summary>
    internal string ToInheritable()
    {
        var certificate = Convert.ToBase64String(Certificate.Export(X509ContentType.Pkcs12));
        var authorities = string.Join(',', Authorities.Select(a => Convert.ToBase64String(a.RawData)));
        return string.Join(';', InheritedVersion, certificate, authorities, string.Join(',', _pinned));
    }

    /// <summary>Reads what <see cref="ToInheritable"/> wrote.</summary>
    /// <exception cref="FormatException">It is not what <see cref="ToInheritable"/> writes.</exception>
    /// <exception cref="CryptographicException">The certificate cannot be read.</exception>
    internal static TlsCredentials FromInheritable(string text)
    {
        var parts = text.Split(';');
        if (parts.Length != 4 || parts[0] != InheritedVersion)
        {
            throw new FormatException("Not TLS settings handed down by Thespian.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(parts[1]), password: null, X509KeyStorageFlags.Exportable);
        var authorities = parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries)
                                  .Select(a => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(a)));
        return new TlsCredentials(certificate, authorities, parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Never the key: which certificate it is.</summary>
    public override string ToString() => $"TLS with {Describe(Certificate)}";

    /// <summary>A certificate's local validity time as UTC text.</summary>
    internal static string Time(DateTime local) => local.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture);

    private SslStreamCertificateContext NewContext() =>
        SslStreamCertificateContext.Create(Certificate, additionalCertificates: null, offline: true);

    private bool ChainsToAuthority(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        foreach (var authority in Authorities)
        {
            chain.ChainPolicy.CustomTrustStore.Add(authority);
        }

        return chain.Build(certificate);
    }
}
