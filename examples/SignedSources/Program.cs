// SignedSources: a system that runs only actor code signed by a key it trusts. The program zips an actor
// assembly it never referenced (GreeterSource), signs and encrypts it, loads it into a system guarded by
// SignedSourceAuthority and runs it; then shows that a package signed by another key is refused.
// Run it with:  dotnet run --project examples/SignedSources
// docs/source-authority.md explains each step, and how to do the same with thespian-admin keygen and sign.
using System.IO.Compression;
using System.Security.Cryptography;
using Thespian;

var patience = TimeSpan.FromSeconds(5);

// 1. Keys. In production: thespian-admin keygen --out keys --encryption
//    (private.pem stays with whoever signs; public.pem and encryption.key go to the authority).
using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var publicKeyPem = signingKey.ExportSubjectPublicKeyInfoPem();
var aesKey = RandomNumberGenerator.GetBytes(32);

// 2. The source: a zip of actor assemblies.
var sourceZip = ZipOf(Path.Combine(AppContext.BaseDirectory, "actor-source", "GreeterSource.dll"));

// 3. The signed (and encrypted) package. In production:
//    thespian-admin sign --key keys/private.pem --encrypt-key keys/encryption.key --out greeter.signed.zip greeter.zip
var package = SignedSourcePackage.Create(sourceZip, signingKey, aesKey);

using var system = new ActorSystem(SystemBaseNames.Simple);

// 4. The authority: configured by a message, so the same code works on every base.
var authority = system.CreateActor<SignedSourceAuthority>();
var answer = system.Ask(authority, new ConfigureSourceAuthority(publicKeyPem, Convert.ToBase64String(aesKey)), patience);
Console.WriteLine(answer is SourceAuthorityReady ready ? ready.Description : $"The authority refused its configuration: {answer}");

// 5. Load the package: the authority verifies the signature, decrypts, and the source becomes usable.
var hash = Load(package);
var greeter = system.CreateActor("SignedSourcesExample.Greeter", sourceHash: hash);
Console.WriteLine(system.Ask(greeter, "world", patience));

// 6. A package signed by a key the authority does not trust is refused (the warning above says why).
using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var forgedHash = Load(SignedSourcePackage.Create(sourceZip, otherKey, aesKey));
try
{
    system.CreateActor("SignedSourcesExample.Greeter", sourceHash: forgedHash);
    Console.WriteLine("The forged package was accepted (this must not happen).");
}
catch (InvalidActorSourceHashException)
{
    Console.WriteLine("The package signed by an untrusted key was refused: nothing can be created from it.");
}

system.Shutdown();

string Load(byte[] bytes)
{
    using var stream = new MemoryStream(bytes);
    return system.LoadActorSource(stream);
}

static byte[] ZipOf(string assemblyPath)
{
    using var buffer = new MemoryStream();
    using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
    {
        zip.CreateEntryFromFile(assemblyPath, Path.GetFileName(assemblyPath));
    }

    return buffer.ToArray();
}
