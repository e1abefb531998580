using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Thespian.Tests.Multiproc.Tls;

/// <summary>Certificates made in the tests (ECDSA P-256, self-signed unless an issuer is given), and files holding them.</summary>
internal static class TestCertificates
{
    /// <summary>A certificate with its private key, valid from <paramref name="from"/> to <paramref name="until"/> (default: now ± a day).</summary>
    public static X509Certificate2 Make(string name, X509Certificate2? issuer = null, bool authority = false,
                                        DateTimeOffset? from = null, DateTimeOffset? until = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(authority, false, 0, authority));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var notBefore = from ?? DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = until ?? DateTimeOffset.UtcNow.AddDays(1);
        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issued = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes a PKCS#12 file with the certificate and its key (protected by <paramref name="password"/> when given).</summary>
    public static string WritePfx(string folder, X509Certificate2 certificate, string? password = null)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>Writes a PEM file with the certificate and its (unencrypted) private key.</summary>
    public static string WritePem(string folder, X509Certificate2 certificate, bool withKey = true)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.pem");
        var text = certificate.ExportCertificatePem() + "\n";
        if (withKey)
        {
            text += certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n";
        }

        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a file with the text (a password) and a newline.</summary>
    public static string WriteText(string folder, string text)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text + "\n");
        return path;
    }
}
