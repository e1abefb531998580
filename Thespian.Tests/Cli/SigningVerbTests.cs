using System.Security.Cryptography;
using Thespian.Sources;
using Thespian.Tests.Sources.Authority.Support;
using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Cli;

/// <summary>keygen and sign, run as the real executable; their output loaded through a SignedSourceAuthority.</summary>
public sealed class SigningVerbTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private string _folder = null!;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "thespian-sign-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string InFolder(string name) => Path.Combine(_folder, name);

    private string Keys => InFolder("keys");

    private string WriteSource(string version = "v1")
    {
        var path = InFolder($"greeter-{version}.zip");
        File.WriteAllBytes(path, TestSources.Greeter(version));
        return path;
    }

    /// <summary>Runs keygen into <see cref="Keys"/> (once), then <c>sign --key keys/KEYFILE --out p.zip OPTIONS… SOURCE</c>.</summary>
    private CliResult Sign(string source, string keyFile = "private.pem", params string[] options)
    {
        if (!File.Exists(Path.Combine(Keys, "private.pem")))
        {
            AssertSuccess(CliRunner.Run("keygen", "--out", Keys));
        }

        return CliRunner.Run(["sign", "--key", Path.Combine(Keys, keyFile), "--out", InFolder("p.zip"), .. options, source]);
    }

    private static void AssertSuccess(CliResult result) => Assert.That(result.ExitCode, Is.Zero, result.ToString());

    private static void AssertBadArguments(CliResult result, params string[] expected)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
            foreach (var text in expected)
            {
                Assert.That(result.StdErr, Does.Contain(text));
            }
        }
    }

    [Test]
    public void Keygen_WithEncryption_WritesThePairAndAnAesKeyAndPrintsTheKeyId()
    {
        var result = CliRunner.Run("keygen", "--out", Keys, "--encryption");

        AssertSuccess(result);
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(Keys, "public.pem")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.StdOut, Does.Contain(SourceKeys.KeyIdOf(key)));
            Assert.That(Convert.FromBase64String(File.ReadAllText(Path.Combine(Keys, "encryption.key")).Trim()), Has.Length.EqualTo(32));
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(Path.Combine(Keys, "private.pem")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                Assert.That(File.GetUnixFileMode(Path.Combine(Keys, "encryption.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }
        }
    }

    [Test]
    public void Keygen_Rsa_WritesAnRsaPairThatSigns()
    {
        AssertSuccess(CliRunner.Run("keygen", "--out", Keys, "--algorithm", "rsa"));

        var package = SignedSourcePackage.Create([1, 2, 3], File.ReadAllText(Path.Combine(Keys, "private.pem")));

        Assert.That(SignedSourcePackage.Open(package, File.ReadAllText(Path.Combine(Keys, "public.pem"))), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void Keygen_KeysAlreadyThere_ExitsTwoAndLeavesThemAsTheyAre()
    {
        AssertSuccess(CliRunner.Run("keygen", "--out", Keys));
        var before = File.ReadAllText(Path.Combine(Keys, "private.pem"));

        AssertBadArguments(CliRunner.Run("keygen", "--out", Keys), "already exists", "never replaces");

        Assert.That(File.ReadAllText(Path.Combine(Keys, "private.pem")), Is.EqualTo(before));
    }

    [Test]
    public void Keygen_UnknownAlgorithm_ExitsTwo() =>
        AssertBadArguments(CliRunner.Run("keygen", "--out", Keys, "--algorithm", "dsa"), "'dsa'", "ecdsa", "rsa");

    [TestCase(false)]
    [TestCase(true)]
    public void KeygenThenSign_ThePackageLoadsThroughASignedSourceAuthority(bool encrypted)
    {
        AssertSuccess(CliRunner.Run(["keygen", "--out", Keys, .. encrypted ? new[] { "--encryption" } : []]));
        var package = InFolder("greeter.signed.zip");
        var sign = CliRunner.Run(["sign", "--key", Path.Combine(Keys, "private.pem"), "--out", package, WriteSource(),
                                  .. encrypted ? new[] { "--encrypt-key", Path.Combine(Keys, "encryption.key") } : []]);
        AssertSuccess(sign);

        using var system = new ActorSystem(SystemBaseNames.Simple, logDefs: LogDefs.Disabled, transientUnique: true);
        try
        {
            var authority = system.CreateActor<SignedSourceAuthority>();
            var configuration = new ConfigureSourceAuthority(File.ReadAllText(Path.Combine(Keys, "public.pem")),
                                                             encrypted ? File.ReadAllText(Path.Combine(Keys, "encryption.key")) : null);
            Assert.That(system.Ask(authority, configuration, Patience), Is.InstanceOf<SourceAuthorityReady>());

            var hash = system.LoadActorSource(package);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(sign.StdOut, Does.Contain($"its source hash is {hash}"));
                Assert.That(sign.StdOut, Does.Contain(encrypted ? "encrypted" : SignedSourcePackage.EcdsaP256Sha256));
                Assert.That(system.Ask(system.CreateActor(TestSources.GreeterType, sourceHash: hash), "version", Patience), Is.EqualTo("v1"));
            }
        }
        finally
        {
            system.Shutdown();
        }
    }

    [Test]
    public void Sign_WithKeyId_RecordsItInThePackage()
    {
        var result = Sign(WriteSource(), options: ["--key-id", "release-7"]);

        AssertSuccess(result);
        Assert.That(System.Text.Encoding.UTF8.GetString(PackageEditor.Entries(File.ReadAllBytes(InFolder("p.zip")))[PackageEditor.Manifest]),
                    Does.Contain("\"keyId\": \"release-7\""));
    }

    [Test]
    public void Sign_MissingKeyFile_ExitsTwoNamingIt() =>
        AssertBadArguments(CliRunner.Run("sign", "--key", InFolder("nope.pem"), "--out", InFolder("p.zip"), WriteSource()),
                           "signing key", "nope.pem", "does not exist");

    [Test]
    public void Sign_MissingSource_ExitsTwoNamingIt() =>
        AssertBadArguments(Sign(InFolder("none.zip")), "none.zip", "does not exist");

    [Test]
    public void Sign_WithThePublicKey_ExitsTwoSayingToUseThePrivateKey() =>
        AssertBadArguments(Sign(WriteSource(), keyFile: "public.pem"), "public.pem", "cannot be used", "no private key");

    [Test]
    public void Sign_EncryptKeyNotBase64_ExitsTwo()
    {
        File.WriteAllText(InFolder("bad.key"), "this is not base64!");

        AssertBadArguments(Sign(WriteSource(), options: ["--encrypt-key", InFolder("bad.key")]), "bad.key", "not base64");
    }

    [Test]
    public void Sign_SourceThatIsNotAZip_ExitsTwo()
    {
        File.WriteAllText(InFolder("x.zip"), "not a zip");

        AssertBadArguments(Sign(InFolder("x.zip")), "is not a zip file");
    }

    [Test]
    public void Sign_ASignedPackage_ExitsTwoSayingItIsSignedAlready()
    {
        AssertSuccess(Sign(WriteSource()));
        File.Move(InFolder("p.zip"), InFolder("signed.zip"));

        AssertBadArguments(Sign(InFolder("signed.zip")), "already a signed source package");
    }

    [Test]
    public void Sign_AZipThatIsNoActorSource_ExitsTwoSayingWhy()
    {
        File.WriteAllBytes(InFolder("text.zip"), SourceZips.Small());

        AssertBadArguments(Sign(InFolder("text.zip")), "is not an actor source", "readme.txt");
    }

    [Test]
    public void Sign_OutInAFolderThatDoesNotExist_ExitsTwo()
    {
        AssertSuccess(CliRunner.Run("keygen", "--out", Keys));

        AssertBadArguments(CliRunner.Run("sign", "--key", Path.Combine(Keys, "private.pem"), "--out", InFolder("no/such/p.zip"), WriteSource()),
                           "folder of --out");
    }
}
