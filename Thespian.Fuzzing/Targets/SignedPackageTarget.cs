using System.Security.Cryptography;
using Thespian.Fuzzing.Engine;
using Thespian.Sources;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// A signed source package as the source authority opens it (<see cref="SignedSourceReader.Open"/>: layout, manifest,
/// signature, decryption), then the source zip inside read (<see cref="SourceZipReader.Read"/>). Refusals:
/// <see cref="SignedSourceException"/> and <see cref="InvalidActorSourceException"/>.
/// </summary>
internal sealed class SignedPackageTarget : FuzzTarget
{
    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _verificationKey = ECDsa.Create();
    private readonly byte[] _aesKey = RandomNumberGenerator.GetBytes(32);

    public SignedPackageTarget()
    {
        _verificationKey.ImportSubjectPublicKeyInfo(_signingKey.ExportSubjectPublicKeyInfo(), out _);
    }

    public override string Name => "signed-package";

    public override string Description => "signed source packages: zip layout, manifest JSON, signature, AES-GCM, inner zip";

    public override IReadOnlyList<FuzzSeed> CreateSeeds() =>
    [
        .. SourceSeeds.Zips().Take(2).SelectMany(zip => new[]
        {
            new FuzzSeed(SignedSourcePackage.Create(zip, _signingKey)),
            new FuzzSeed(SignedSourcePackage.Create(zip, _signingKey, _aesKey)),
            new FuzzSeed(SignedSourcePackage.Create(zip, _signingKey, keyId: "some-other-id")),
        }),
    ];

    public override IReadOnlyList<byte[]> Tokens => SignedFieldsTarget.ManifestTokens;

    public override void Run(byte[] input) => Open(input, _verificationKey, _aesKey);

    /// <summary>Opens a package and reads the source inside, as the source authority does.</summary>
    public static void Open(byte[] package, AsymmetricAlgorithm verificationKey, byte[] aesKey)
    {
        var opened = SignedSourceReader.Open(package, [verificationKey], aesKey);
        _ = SourceZipReader.Read(opened.SourceZip);
    }

    public override bool IsClearError(Exception exception) => IsSourceRefusal(exception);

    /// <summary>The refusals of a bad package or source.</summary>
    public static bool IsSourceRefusal(Exception exception) => exception is SignedSourceException or InvalidActorSourceException;

    public override long AllocationLimit(int inputLength) => (16L * 1024 * 1024) + (2100L * inputLength) + (2 * 1024 * 1024);

    protected override void Dispose(bool disposing)
    {
        _signingKey.Dispose();
        _verificationKey.Dispose();
        base.Dispose(disposing);
    }
}
