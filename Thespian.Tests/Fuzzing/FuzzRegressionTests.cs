using System.Text;
using Newtonsoft.Json;
using Thespian.Fuzzing;
using Thespian.Fuzzing.Engine;
using Thespian.Sources;
using Thespian.Tests.Wire;

namespace Thespian.Tests.Fuzzing;

/// <summary>
/// The inputs fuzzing found (minimized with thespian-fuzz --replay --minimize), each now refused with the documented
/// error. The source zips do not shrink (their entry is deflated): they are kept as found.
/// </summary>
[NonParallelizable]
public sealed class FuzzRegressionTests
{
    /// <summary>A dictionary value whose $type is an object: Newtonsoft.Json failed with a NullReferenceException inside.</summary>
    private const string TypeNameIsAnObject =
        "{\"$type\":\"System.Collections.Generic.Dictionary`2[[System.String,System.Private.CoreLib],[System.Object,System.Private.CoreLib]],System.Private.CoreLib\",\"\":{\"$type\":{";

    /// <summary>An object without $type where the message is object-typed: it arrived as a JObject, outside the allow-list.</summary>
    private const string ObjectWithoutTypeName = "{\"\":\"\",\"\":\"\",\"\":{\"\":\"\",\"\":null,\"\":null}}";

    /// <summary>A source zip whose assembly names a culture that is no culture name (CultureNotFoundException).</summary>
    private const string SourceWithBadCulture =
        "UEsDBBQAAAAIAOB0h12GogOrygIAAAAIAAAPAAAARnV6elNvdXJjZUEuZGxs7VRbSBRRGP7O7Gq66eKlzEDymAYhNq0X0EhjXS3dVJRGJULTdR1sbXbHZkcxI7FC6aWIqOhJCh96MMJEUCSQLBMKM/Ih7AIi+GYIBgk9ZJw9syoEFr74UB9z+C+c88/3nfOfU3bmFkwAzABWV4ERcNjxZ3QBsCaOWjEUPpU0QkqnkirPefy0RVObNJeXul0+n6rTBplqrT7q8dHCcol61UZZjIy0pBg1Ko4DpUSAeSLufLDuHAS6k9g4KYHnPu4HQIPE7NwX+BSGoEX9+hoT7N1AVOBbt2smgOv7gfLNRNqBCGwBFAjbEIZRoHhDLOpyu860Mq5MywatG0rUi5qsqG6Dg92YE/obRQe2iGdsX8G5CQhBDQXSBIBssZ5FSN0nHCSAJRUO6aSDGJUY/7Ys0SZm2jLTj7BMCBQAAwCSO4EEAlQwX9I1j6/Jz2YohG9LcpWEFsLPLbmoylnIeo8Aj1nsUNQG49+MdpEZCGfBD5KJOK6DGNvGRjDmrCyGDYUDhwIejxlr5mXBgpCAX8HOCHFw4hEIpEAUGp+LPhCEg1e+ToBprRctxgjWJYxQELllamOrIh/DidaODklt1dxyPqSLfl32ihWap82ly2KBqsmlngYjjSJNlnVZg+jWVQ3lDc2yW+dJXrKyb7bJtnypaHgicaV65Ws/uh4gBTB3AXcYXaY/BTgl5aczjkzWjepJtbfHmWNzfrv2smRukeZfuZqqpE+fHV4q9hS+y4i/+XDm9g73hbQ3MR/qhjvvR+/qdRUvzBwe7c92JcS3f3neS5diayMGp5fHFvOiT0e9mA29l/OzZH73p5W7PXvpQr96eXD+7VJs83he7fsx0x48Gc/4/urpZPeQrSbmaHa/iYKYQazWAaMPGV4H7/om/cpRV6BqhYpS5vL44PW7VU2WxUaF9RWwegD0b16xfxyU383PGdtN5D+wDfgFUEsBAhQDFAAAAAgA4HSHXYaiA6vKAgAAAAgAAA8AAAAAAAAAAAAAAKSBAAAAAEZ1enpTb3VyY2VBLmRsbFBLBQYAAAAAAQABAD0AAAD3AgAAAAA=";

    /// <summary>A source zip whose assembly's metadata stream headers overflow (OverflowException).</summary>
    private const string SourceWithOverflowingMetadata =
        "UEsDBBQAAAAIAOB0h12GogOrygIAAAAIAAAPAAAARnV6elNvdXJjZUEuZGxs7VRbSBRRGP7O7Gq66eKlzEDymAYhNq0X0EhjXS3dVJRGJULTdR1sbXbHZkcxI7FC6aWIqOhJCh96MMJEUCSQLBMKM/Ih7AIi+GYIBgk9ZJw9syoEFr74UB9z+C+c88/3nfOfU3bmFkwAzABWV4ERcNjxZ3QBsCaOWjEUPpU0QkqnkirPefy0RVObNJeXul0+n6rTBplqrT7q8dHCcol61UZZjIy0pBg1Ko4DpUSAeSLufLDuHAS6k9g4KYHnPu4HQIPE7NwX+BSGoEX9+hoT7N1AVOBbt2smgOv7gfLNRNqBCGwBFAjbEIZRoHhDLOpyu860Mq5MywatG0rUi5qsqG6Dg92YE/obRQe2iGdsX8G5CQhBDQXSBIBssZ5FSN0nHCSAJRUO6aSDGJUYILYs0SZm2jLTj7BMCBQAAwCSO4EEAlQwX9I1j6/Jz2YohG9LcpWEFsLPLbmoylnIeo8Aj1nsUNQG49+MdpEZCGfBD5KJOK6DGNvGRjDmrCyGDYUDhwIejxlr5mXBgpCAX8HOCHFw4hEIpEAUGp+LPhCEg1m+ToBprRctxgjWJYxQELllamOrIh/DidaODklt1dxyPqSLfl32ihWap82ly2KBqsmlngYjjSJNlnVZg+jWVQ3lDc2yW+dJXrKyb7bJtnypaHgicaV65Ws/uh4gBTB3AXcYXaY/BTgl5aczjkzWjepJtbfHmWNzfrv2smRukeZfuZqqpE+fHV4q9hS+y4i/+XDm9g73hbQ3MR/qhjvvR+/qdRUvzBwe7c92JcS3f3neS5diayMGp5fHFvOiT0e9mA29l/OzZH73p5W7PXvpQr96eXD+7VJs83he7fsx0x48Gc/4/urpZPeQrSbmaHa/iYKYQazWAaMPGV4H7/om/cpRV6BqhYpS5vL44PW7VU2WxUaF9RWwegD0b16xfxyU383PGdtN5D+wDfgFUEsBAhQDFAAAAAgA4HSHXYaiA6vKAgAAAAgAAA8AAAAAAAAAAAAAAKSBAAAAAEZ1enpTb3VyY2VBLmRsbFBLBQYAAAAAAQABAD0AAAj3AgAAAAA=";

    [TestCase(TypeNameIsAnObject)]
    [TestCase("{\"$type\":null}")]
    [TestCase("{\"$type\":[\"System.String\"]}")]
    [TestCase("[\"System.Object\",{\"$type\":{}}]")]
    public void Deserialize_TypeNameThatIsNotAString_IsRefusedClearly(string json)
    {
        var serializer = WireTestSerializers.ThespianOnly();

        var refused = Assert.Throws(Is.InstanceOf<JsonException>(), () => serializer.DeserializeText(json));

        Assert.That(WireTestSerializers.FindInChain<NullReferenceException>(refused), Is.Null, WireTestSerializers.DescribeChain(refused!));
    }

    [TestCase(ObjectWithoutTypeName)]
    [TestCase("{}")]
    [TestCase("{\"a\":1}")]
    public void Deserialize_ObjectWithoutTypeName_IsRefused(string json)
    {
        var serializer = WireTestSerializers.ThespianOnly();

        var refused = Assert.Throws<JsonSerializationException>(() => serializer.DeserializeText(json));

        Assert.That(refused!.Message, Does.Contain("without its type name"));
    }

    [Test]
    public void Deserialize_ObjectWithoutTypeNameInsideAList_IsRefused()
    {
        var serializer = WireTestSerializers.ThespianOnly();
        var list = serializer.SerializeToText(new List<object> { 1L });
        var tampered = list.Replace("[1]", "[{\"a\":1}]", StringComparison.Ordinal);

        Assert.That(tampered, Is.Not.EqualTo(list));
        Assert.Throws<JsonSerializationException>(() => serializer.DeserializeText(tampered));
    }

    [Test]
    public void Deserialize_PropertyNamedTypeInADictionaryWithAStringValue_StillArrives()
    {
        var serializer = WireTestSerializers.ThespianOnly();
        var message = new Dictionary<string, object> { ["first"] = 1L, ["$type"] = "just a key" };

        var received = (Dictionary<string, object>)serializer.RoundTrip(message);

        Assert.That(received, Is.EqualTo(message));
    }

    /// <summary>
    /// Under invariant globalization (as the fuzz runner, and any application that sets it) the culture is refused; with
    /// ICU an unknown culture name is accepted as a custom culture. Either way nothing but the documented error comes out.
    /// </summary>
    [Test]
    public void SourceZip_AssemblyWithAnUnknownCulture_IsReadOrRefusedClearly()
    {
        try
        {
            Assert.That(SourceZipReader.Read(Convert.FromBase64String(SourceWithBadCulture)), Has.Count.EqualTo(1));
        }
        catch (InvalidActorSourceException refused)
        {
            Assert.That(refused.Message, Does.Contain("is not a .NET assembly"));
        }
    }

    [TestCase(SourceWithOverflowingMetadata)]
    public void SourceZip_AssemblyWithLyingMetadata_IsNotAnAssembly(string base64)
    {
        var refused = Assert.Throws<InvalidActorSourceException>(() => SourceZipReader.Read(Convert.FromBase64String(base64)));

        Assert.That(refused!.Message, Does.Contain("is not a .NET assembly"));
    }

    [TestCase("envelope", TypeNameIsAnObject)]
    [TestCase("envelope", ObjectWithoutTypeName)]
    public void EnvelopeTarget_FoundInputs_AreNoLongerFindings(string target, string body)
    {
        using var fuzzTarget = FuzzTargets.Create(target);
        var input = EnvelopeWithBody(Encoding.UTF8.GetBytes(body));

        Assert.That(FuzzCampaign.Replay(fuzzTarget, input, TimeSpan.FromSeconds(2)), Is.Null);
    }

    [TestCase(SourceWithBadCulture)]
    [TestCase(SourceWithOverflowingMetadata)]
    public void SourceZipTarget_FoundInputs_AreNoLongerFindings(string base64)
    {
        using var target = FuzzTargets.Create("source-zip");

        Assert.That(FuzzCampaign.Replay(target, Convert.FromBase64String(base64), TimeSpan.FromSeconds(2)), Is.Null);
    }

    private static byte[] EnvelopeWithBody(byte[] body)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        new Thespian.Wire.Envelope(Thespian.Wire.EnvelopeKind.Deliver, new ActorId(1, 2), new ActorId(3, 4), ActorId.Zero, "127.0.0.1:1900", body)
            .WriteTo(writer);
        return writer.WrittenSpan.ToArray();
    }
}
