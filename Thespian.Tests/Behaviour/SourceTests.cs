using System.IO.Compression;
using System.Security.Cryptography;

namespace Thespian.Tests.Behaviour;

/// <summary>LoadActorSource without (and with a rejecting) source authority: the hash, and what it does not allow.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class SourceTests(string systemBase) : Sources.SourceFixture(systemBase)
{
    /// <summary>What a <see cref="RejectingAuthority"/> reports for each <see cref="ValidateSource"/>.</summary>
    public sealed record ValidationSeen(string SourceHash, int Length);

    /// <summary>"register": becomes the source authority and reports to the sender; rejects every source.</summary>
    private sealed class RejectingAuthority : Actor
    {
        private ActorAddress? _reporter;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "register":
                    _reporter = sender;
                    RegisterSourceAuthority();
                    Send(sender, "registered");
                    break;
                case ValidateSource validate:
                    if (_reporter is not null)
                    {
                        Send(_reporter, new ValidationSeen(validate.SourceHash, validate.SourceData.Length));
                    }

                    Send(sender, new ValidatedSource(validate.SourceHash, null));
                    break;
            }
        }
    }

    private static byte[] ZipBytes(string content = "not an assembly")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write(content);
        }

        return buffer.ToArray();
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    [Test]
    public void LoadActorSource_StreamWithoutSourceAuthority_ReturnsTheSha256OfTheBytes()
    {
        var bytes = ZipBytes();

        Assert.That(Load(bytes), Is.EqualTo(Sha256Hex(bytes)).IgnoreCase);
    }

    [Test]
    public void LoadActorSource_FileWithoutSourceAuthority_ReturnsTheSha256OfTheFile()
    {
        var bytes = ZipBytes("from a file");
        var path = Path.Combine(Path.GetTempPath(), $"thespian-source-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, bytes);
        try
        {
            Assert.That(System.LoadActorSource(path), Is.EqualTo(Sha256Hex(bytes)).IgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void LoadActorSource_DifferentBytes_GiveDifferentHashes()
    {
        Assert.That(Load(ZipBytes("one")), Is.Not.EqualTo(Load(ZipBytes("two"))));
    }

    [Test]
    public void CreateActor_WithTheHashOfASourceLoadedWithoutAuthority_ThrowsInvalidActorSourceHashException()
    {
        var hash = Load(ZipBytes());

        Assert.That(() => System.CreateActor<EchoActor>(sourceHash: hash),
                    Throws.InstanceOf<InvalidActorSourceHashException>());
    }

    [Test]
    public void CreateActor_ByNameWithTheHashOfASourceLoadedWithoutAuthority_ThrowsInvalidActorSourceHashException()
    {
        var hash = Load(ZipBytes());

        Assert.That(() => System.CreateActor(typeof(EchoActor).FullName!, sourceHash: hash),
                    Throws.InstanceOf<InvalidActorSourceHashException>());
    }

    [Test]
    public void CreateActor_WithAnUnknownHash_ThrowsInvalidActorSourceHashExceptionNamingIt()
    {
        Assert.That(() => System.CreateActor<EchoActor>(sourceHash: "0123456789abcdef"),
                    Throws.InstanceOf<InvalidActorSourceHashException>().With.Message.Contains("0123456789abcdef"));
    }

    [Test]
    public void LoadActorSource_WithoutSourceAuthority_IsNotListedAsLoaded()
    {
        _ = Load(ZipBytes());

        var status = AskFor<ThespianSystemStatus>(System.SystemAddress, new ThespianStatusRequest());

        Assert.That(status.LoadedSources, Is.Empty);
    }

    [Test]
    public void LoadActorSource_MissingFile_ThrowsFileNotFoundExceptionNamingThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"thespian-no-such-{Guid.NewGuid():N}.zip");

        Assert.That(() => System.LoadActorSource(missing),
                    Throws.InstanceOf<FileNotFoundException>().With.Message.Contains(missing)
                          .And.Property(nameof(FileNotFoundException.FileName)).EqualTo(missing));
    }

    [Test]
    public void LoadActorSource_MissingFolder_ThrowsFileNotFoundExceptionNamingThePath()
    {
        Assert.That(() => System.LoadActorSource("/no/such.zip"),
                    Throws.InstanceOf<FileNotFoundException>().With.Message.Contains("/no/such.zip"));
    }

    [Test]
    public void LoadActorSource_PathIsAFolder_ThrowsArgumentExceptionNamingThePath()
    {
        var folder = Path.GetTempPath();

        Assert.That(() => System.LoadActorSource(folder), Throws.ArgumentException.With.Message.Contains(folder));
    }

    [Test]
    public void UnloadActorSource_UnknownHash_IsIgnored()
    {
        Assert.That(() => System.UnloadActorSource("0123456789abcdef"), Throws.Nothing);
    }

    [Test]
    public void LoadActorSource_WithSourceAuthority_AuthorityGetsValidateSourceWithTheHashAndBytes()
    {
        var authority = System.CreateActor<RejectingAuthority>();
        Assert.That(System.Ask(authority, "register", Patience), Is.EqualTo("registered"));
        var bytes = ZipBytes();

        var hash = Load(bytes);

        var seen = ListenFor<ValidationSeen>();
        Assert.Multiple(() =>
        {
            Assert.That(seen.SourceHash, Is.EqualTo(hash));
            Assert.That(seen.Length, Is.EqualTo(bytes.Length));
        });
    }

    [Test]
    public void LoadActorSource_RejectedByTheAuthority_CreateActorWithItsHashThrowsInvalidActorSourceHashException()
    {
        var authority = System.CreateActor<RejectingAuthority>();
        Assert.That(System.Ask(authority, "register", Patience), Is.EqualTo("registered"));
        var hash = Load(ZipBytes());
        _ = ListenFor<ValidationSeen>();

        Assert.Multiple(() =>
        {
            Assert.That(() => System.CreateActor<EchoActor>(sourceHash: hash), Throws.InstanceOf<InvalidActorSourceHashException>());
            Assert.That(AskFor<ThespianSystemStatus>(System.SystemAddress, new ThespianStatusRequest()).LoadedSources,
                        Is.Empty);
        });
    }
}
