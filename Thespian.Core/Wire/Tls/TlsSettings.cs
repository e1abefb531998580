using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Thespian.Wire.Authentication;

namespace Thespian.Wire.Tls;

/// <summary>
/// Where a system's TLS settings come from, and how they reach every process of the system. An application (or
/// <c>thespian-admin</c>) reads them from the capabilities "Thespian TLS Certificate", "Thespian TLS Certificate Password"
/// (or "… Password File") and "Thespian TLS Trust". The admin and the actor hosts get them, loaded, from the process that
/// starts them in the environment variable <see cref="InheritedVariable"/> — never on a command line — and remove it from
/// their own environment at once, like the secret (<see cref="SecretSettings"/>).
/// </summary>
internal static class TlsSettings
{
    /// <summary>The environment variable a Thespian process sets for the admin and hosts it starts (internal).</summary>
    public const string InheritedVariable = "THESPIAN_INHERITED_TLS";

    /// <summary>What a log line or an error says to set when TLS is missing on one side or differs.</summary>
    public const string WhatToSet =
        $"give every process of the system the same TLS settings: the capability \"{CommonCapabilities.ThespianTlsCertificate}\" " +
        $"(with \"{CommonCapabilities.ThespianTlsCertificatePasswordFile}\" when it has a password, and \"{CommonCapabilities.ThespianTlsTrust}\" " +
        "when processes have different certificates), or none of them";

    /// <summary>Whether the first bytes a peer sent begin a TLS handshake record (a ClientHello).</summary>
    public static bool StartsTlsHandshake(ReadOnlySpan<byte> firstBytes) =>
        firstBytes.Length >= 2 && firstBytes[0] == 0x16 && firstBytes[1] == 0x03;

    /// <summary>The TLS settings an application or a tool configures, or null when it configures none.</summary>
    /// <exception cref="ActorSystemStartupFailureException">
    /// The settings cannot be used: a file is missing or unreadable, the password is wrong, the certificate has no private
    /// key or has expired, a trust entry is neither a certificate file nor a thumbprint, or a password or trust is given
    /// without a certificate.
    /// </exception>
    public static TlsCredentials? From(IEnumerable<KeyValuePair<string, object?>>? capabilities)
    {
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in capabilities ?? [])
        {
            if (name is CommonCapabilities.ThespianTlsCertificate or CommonCapabilities.ThespianTlsCertificatePassword or
                        CommonCapabilities.ThespianTlsCertificatePasswordFile or CommonCapabilities.ThespianTlsTrust && value is not null)
            {
                settings[name] = value;
            }
        }

        if (!settings.TryGetValue(CommonCapabilities.ThespianTlsCertificate, out var certificateSetting))
        {
            return settings.Count == 0
                ? null
                : throw new ActorSystemStartupFailureException(
                    $"\"{settings.Keys.First()}\" is set, but \"{CommonCapabilities.ThespianTlsCertificate}\" is not: name the " +
                    "certificate file (PKCS#12, or PEM with its key) that turns TLS on, or remove the TLS settings.");
        }

        var path = certificateSetting is string { Length: > 0 } text
            ? text
            : throw new ActorSystemStartupFailureException($"The capability \"{CommonCapabilities.ThespianTlsCertificate}\" must be a file's path.");
        var certificate = LoadCertificate(path, Password(settings));
        var (authorities, pinned) = Trust(settings.GetValueOrDefault(CommonCapabilities.ThespianTlsTrust));
        return new TlsCredentials(certificate, authorities, pinned);
    }

    /// <summary>
    /// The TLS settings the process that started this one handed down, or null when it had none; the variable is removed
    /// from this process's environment.
    /// </summary>
    /// <exception cref="ActorSystemStartupFailureException">The variable is not what Thespian hands down.</exception>
    public static TlsCredentials? TakeInherited()
    {
        if (SecretSettings.Take(InheritedVariable) is not { } encoded)
        {
            return null;
        }

        try
        {
            return TlsCredentials.FromInheritable(encoded);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw new ActorSystemStartupFailureException(
                $"The environment variable {InheritedVariable} is not TLS settings handed down by Thespian ({ex.Message}).", ex);
        }
    }

    /// <summary>Hands <paramref name="tls"/> down to a process about to start with <paramref name="environment"/> (or makes sure none is when null).</summary>
    public static void HandDown(IDictionary<string, string?> environment, TlsCredentials? tls) =>
        SecretSettings.HandDown(environment, InheritedVariable, tls?.ToInheritable());

    /// <summary>
    /// A copy of <paramref name="capabilities"/> fit to pass on, store and report: "Thespian TLS Certificate Password" is
    /// <see cref="SecretSettings.Redacted"/>. Null stays null.
    /// </summary>
    public static IDictionary<string, object?>? Redact(IDictionary<string, object?>? capabilities) =>
        SecretSettings.Redact(capabilities, CommonCapabilities.ThespianTlsCertificatePassword);

    private static string? Password(Dictionary<string, object?> settings)
    {
        if (settings.TryGetValue(CommonCapabilities.ThespianTlsCertificatePassword, out var text))
        {
            return text is string { Length: > 0 } password and not SecretSettings.Redacted
                ? password
                : throw new ActorSystemStartupFailureException(
                    $"The capability \"{CommonCapabilities.ThespianTlsCertificatePassword}\" must be non-empty text.");
        }

        if (!settings.TryGetValue(CommonCapabilities.ThespianTlsCertificatePasswordFile, out var file))
        {
            return null;
        }

        var path = file is string { Length: > 0 } named
            ? named
            : throw new ActorSystemStartupFailureException(
                $"The capability \"{CommonCapabilities.ThespianTlsCertificatePasswordFile}\" must be a file's path.");
        string contents;
        try
        {
            contents = File.ReadAllText(path).TrimEnd(' ', '\t', '\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ActorSystemStartupFailureException(
                $"The TLS password file {path} (the capability \"{CommonCapabilities.ThespianTlsCertificatePasswordFile}\") cannot be read: {ex.Message}", ex);
        }

        return contents.Length > 0
            ? contents
            : throw new ActorSystemStartupFailureException(
                $"The TLS password file {path} (the capability \"{CommonCapabilities.ThespianTlsCertificatePasswordFile}\") is empty.");
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        var setting = $"the capability \"{CommonCapabilities.ThespianTlsCertificate}\"";
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ActorSystemStartupFailureException($"The TLS certificate file {path} ({setting}) cannot be read: {ex.Message}", ex);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(bytes) ? FromPem(Encoding.ASCII.GetString(bytes), password) : X509CertificateLoader.LoadPkcs12(bytes, password, X509KeyStorageFlags.Exportable);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new ActorSystemStartupFailureException(
                $"The TLS certificate file {path} ({setting}) cannot be opened: {ex.Message} Is it a PKCS#12 (.pfx) file, or a PEM file " +
                $"with the certificate and its private key? A wrong or missing password also fails here: set \"{CommonCapabilities.ThespianTlsCertificatePasswordFile}\" " +
                "to a file holding the right one.", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new ActorSystemStartupFailureException(
                $"The TLS certificate file {path} ({setting}) holds no private key: every process presents the certificate, so it needs the key " +
                "(a PKCS#12 file with the key, or a PEM file with both).");
        }

        var now = DateTime.Now;
        if (now > certificate.NotAfter || now < certificate.NotBefore)
        {
            throw new ActorSystemStartupFailureException(
                $"The TLS certificate {TlsCredentials.Describe(certificate)} in {path} ({setting}) is not valid now: it is valid from " +
                $"{TlsCredentials.Time(certificate.NotBefore)} to {TlsCredentials.Time(certificate.NotAfter)}. Renew it.");
        }

        return certificate;
    }

    private static bool IsPem(ReadOnlySpan<byte> bytes) => bytes.TrimStart(" \t\r\n"u8).StartsWith("-----BEGIN"u8);

    private static X509Certificate2 FromPem(string pem, string? password)
    {
        // On Linux the key of a certificate made from PEM is ephemeral; loading it through PKCS#12 makes it usable by
        // every TLS call alike.
        using var certificate = password is null ? X509Certificate2.CreateFromPem(pem, pem) : X509Certificate2.CreateFromEncryptedPem(pem, pem, password);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.Exportable);
    }

    private static (List<X509Certificate2> Authorities, List<string> Pinned) Trust(object? setting)
    {
        var entries = setting switch
        {
            null => [],
            string text => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            IEnumerable<string> list => list.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
            _ => throw new ActorSystemStartupFailureException(
                $"The capability \"{CommonCapabilities.ThespianTlsTrust}\" must be text (or a string[]): CA certificate files and thumbprints."),
        };
        var authorities = new List<X509Certificate2>();
        var pinned = new List<string>();
        foreach (var entry in entries)
        {
            if (Thumbprint(entry) is { } thumbprint)
            {
                pinned.Add(thumbprint);
            }
            else
            {
                authorities.AddRange(LoadAuthorities(entry));
            }
        }

        return (authorities, pinned);
    }

    /// <summary>The entry as an upper-case SHA-1 or SHA-256 thumbprint, or null when it is not one.</summary>
    private static string? Thumbprint(string entry)
    {
        var hex = entry.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return hex.Length is 40 or 64 && hex.All(char.IsAsciiHexDigit) ? hex : null;
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        var setting = $"the capability \"{CommonCapabilities.ThespianTlsTrust}\"";
        try
        {
            var bytes = File.ReadAllBytes(path);
            var certificates = new X509Certificate2Collection();
            if (IsPem(bytes))
            {
                certificates.ImportFromPem(Encoding.ASCII.GetString(bytes));
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
            }

            return certificates.Count > 0
                ? certificates
                : throw new ActorSystemStartupFailureException($"The trust file {path} ({setting}) holds no certificate.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or CryptographicException)
        {
            throw new ActorSystemStartupFailureException(
                $"The trust entry \"{path}\" ({setting}) is neither a thumbprint (40 or 64 hexadecimal digits) nor a readable certificate file: {ex.Message}", ex);
        }
    }
}
