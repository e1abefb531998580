using Thespian.Bases.MultiprocUdp;
using Thespian.Wire.Authentication;

namespace Thespian.Tests.Wire.Authentication;

/// <summary>Where the secret comes from (capability, file), what is wrong with a bad file, redaction, and datagram tags.</summary>
public sealed class SecretSettingsTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "thespian-secret-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void From_NothingConfigured_Null()
    {
        Assume.That(Environment.GetEnvironmentVariable(SecretSettings.FileVariable), Is.Null.Or.Empty);

        Assert.That(SecretSettings.From(new Dictionary<string, object?>()), Is.Null);
    }

    [Test]
    public void From_FileWithTrailingNewline_SameKeysAsTheText()
    {
        var file = Path.Combine(_folder, "secret");
        File.WriteAllText(file, "s3cret-value\n");

        var fromFile = SecretSettings.From(Capabilities(CommonCapabilities.ThespianSecretFile, file))!;
        var fromText = SecretSettings.From(Capabilities(CommonCapabilities.ThespianSecret, "s3cret-value"))!;

        Assert.That(fromFile.HandshakeKey, Is.EqualTo(fromText.HandshakeKey));
        Assert.That(fromFile.DatagramKey, Is.Not.EqualTo(fromFile.HandshakeKey));
    }

    [Test]
    public void From_MissingFile_ClearErrorNamingTheFile()
    {
        var file = Path.Combine(_folder, "absent");

        var error = Assert.Throws<ActorSystemStartupFailureException>(
            () => SecretSettings.From(Capabilities(CommonCapabilities.ThespianSecretFile, file)));

        Assert.That(error!.Message, Does.Contain(file).And.Contain("cannot be read"));
    }

    [Test]
    public void From_EmptyFile_ClearError()
    {
        var file = Path.Combine(_folder, "empty");
        File.WriteAllText(file, " \n");

        var error = Assert.Throws<ActorSystemStartupFailureException>(
            () => SecretSettings.From(Capabilities(CommonCapabilities.ThespianSecretFile, file)));

        Assert.That(error!.Message, Does.Contain(file).And.Contain("empty"));
    }

    [Test]
    public void Redact_SecretCapability_ReplacedAndOriginalUntouched()
    {
        var capabilities = Capabilities(CommonCapabilities.ThespianSecret, "hunter2");

        var redacted = SecretSettings.Redact(capabilities)!;

        Assert.That(redacted[CommonCapabilities.ThespianSecret], Is.EqualTo(SecretSettings.Redacted));
        Assert.That(capabilities[CommonCapabilities.ThespianSecret], Is.EqualTo("hunter2"));
    }

    [Test]
    public void DatagramTag_TaggedWithTheSameSecret_ValidAndRestored()
    {
        var secret = SystemSecret.FromText("k");
        var datagram = Datagram();
        var tagged = new byte[datagram.Length + DatagramTag.TagLength];

        DatagramTag.Write(secret, datagram, tagged);

        Assert.That(DatagramTag.Check(secret, tagged, out var length), Is.EqualTo(TagCheck.Valid));
        Assert.That(tagged.AsSpan(0, length).ToArray(), Is.EqualTo(datagram));
    }

    [Test]
    public void DatagramTag_TamperedByteOrOtherSecret_Invalid([Values(0, 5, 20, -1)] int flipped)
    {
        var secret = SystemSecret.FromText("k");
        var datagram = Datagram();
        var tagged = new byte[datagram.Length + DatagramTag.TagLength];
        DatagramTag.Write(secret, datagram, tagged);
        if (flipped >= 0)
        {
            tagged[flipped] ^= 0x01;
        }

        var checkWith = flipped >= 0 ? secret : SystemSecret.FromText("other");

        Assert.That(DatagramTag.Check(checkWith, tagged, out _), Is.EqualTo(TagCheck.Invalid));
    }

    [Test]
    public void DatagramTag_Untagged_Untagged()
    {
        Assert.That(DatagramTag.Check(SystemSecret.FromText("k"), Datagram(), out _), Is.EqualTo(TagCheck.Untagged));
    }

    private static byte[] Datagram()
    {
        var datagram = new byte[DatagramCodec.HelloLength];
        DatagramCodec.WriteHello(datagram, 42, Thespian.Wire.WireRole.Peer);
        return datagram;
    }

    private static Dictionary<string, object?> Capabilities(string name, object value) => new() { [name] = value };
}
