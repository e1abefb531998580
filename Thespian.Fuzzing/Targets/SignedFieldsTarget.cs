using System.Buffers.Binary;
using System.Security.Cryptography;
using Thespian.Fuzzing.Engine;
using Thespian.Sources;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// What lies behind a valid signature: an input is <c>[uint16 manifest length][manifest JSON][payload]</c>; the target
/// signs the payload with the trusted key and packs the three entries with <see cref="SignedSourceZip.Write"/>, so every
/// input reaches the manifest parser, the decryption (nonce, tag) and the source zip reader — what a package from a
/// trusted signer, made wrongly, would reach. Refusals: <see cref="SignedSourceException"/> and <see cref="InvalidActorSourceException"/>.
/// </summary>
internal sealed class SignedFieldsTarget : FuzzTarget
{
    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _verificationKey = ECDsa.Create();
    private readonly byte[] _aesKey = RandomNumberGenerator.GetBytes(32);

    public SignedFieldsTarget()
    {
        _verificationKey.ImportSubjectPublicKeyInfo(_signingKey.ExportSubjectPublicKeyInfo(), out _);
    }

    /// <summary>Tokens of the manifest.</summary>
    public static IReadOnlyList<byte[]> ManifestTokens { get; } =
    [
        .. new[]
        {
            "\"format\"", "\"thespian-signed-source\"", "\"formatVersion\"", "\"signatureAlgorithm\"", "\"ECDsa-P256-SHA256\"",
            "\"RSA-PSS-SHA256\"", "\"keyId\"", "\"encrypted\"", "true", "false", "\"nonce\"", "\"tag\"", "\"AAAA\"", "1e400", "2147483648",
            "thespian-signed-source.json", "payload.bin", "payload.sig",
        }.Select(t => System.Text.Encoding.UTF8.GetBytes(t)),
        .. SourceSeeds.Tokens,
    ];

    public override string Name => "signed-fields";

    public override string Description => "signed package fields behind a valid signature: manifest, nonce/tag, payload";

    public override IReadOnlyList<FuzzSeed> CreateSeeds()
    {
        var seeds = new List<FuzzSeed>();
        foreach (var zip in SourceSeeds.Zips().Take(2))
        {
            foreach (var encrypt in new[] { false, true })
            {
                var package = SignedSourcePackage.Create(zip, _signingKey, encrypt ? _aesKey : null);
                var (manifest, payload, _) = SignedSourceZip.Read(package);
                var input = new byte[2 + manifest.Length + payload.Length];
                BinaryPrimitives.WriteUInt16LittleEndian(input, (ushort)manifest.Length);
                manifest.CopyTo(input, 2);
                payload.CopyTo(input, 2 + manifest.Length);
                seeds.Add(new FuzzSeed(input, [new LengthField(0, 2)]));
            }
        }

        return seeds;
    }

    public override IReadOnlyList<byte[]> Tokens => ManifestTokens;

    public override void Run(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        var manifestLength = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(input), input.Length - 2);
        var manifest = input.AsSpan(2, manifestLength).ToArray();
        var payload = input.AsSpan(2 + manifestLength).ToArray();
        var package = SignedSourceZip.Write(manifest, payload, _signingKey.SignData(payload, HashAlgorithmName.SHA256));
        SignedPackageTarget.Open(package, _verificationKey, _aesKey);
    }

    public override bool IsClearError(Exception exception) => SignedPackageTarget.IsSourceRefusal(exception);

    public override long AllocationLimit(int inputLength) => (16L * 1024 * 1024) + (2100L * inputLength) + (2 * 1024 * 1024);

    protected override void Dispose(bool disposing)
    {
        _signingKey.Dispose();
        _verificationKey.Dispose();
        base.Dispose(disposing);
    }
}
