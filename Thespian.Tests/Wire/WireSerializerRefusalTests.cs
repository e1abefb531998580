using Newtonsoft.Json;
using Thespian.Wire;
using static Thespian.Tests.Wire.WireTestSerializers;

namespace Thespian.Tests.Wire;

/// <summary>
/// Type names that may not travel are refused on arrival — before the type is instantiated — with a
/// JsonException whose chain carries a <see cref="DisallowedTypeException"/> naming the type.
/// </summary>
public sealed class WireSerializerRefusalTests
{
    private const string CoreLib = "System.Private.CoreLib";

    private WireSerializer _serializer = null!;

    [SetUp]
    public void SetUp() => _serializer = Create();

    private static TestCaseData Case(string json, string refusedName, string name) =>
        new TestCaseData(json, refusedName).SetArgDisplayNames(name);

    private static IEnumerable<TestCaseData> RefusedTypeNames()
    {
        yield return Case("""{"$type":"Thespian.ActorSystem, Thespian.Core"}""", "Thespian.ActorSystem", "ActorSystem");
        yield return Case("""{"$type":"Thespian.Runtime.ActorCell, Thespian.Core"}""", "Thespian.Runtime.ActorCell", "internal Thespian type");
        yield return Case("""{"$type":"System.Diagnostics.Process, System.Diagnostics.Process","StartInfo":{"FileName":"/bin/sh"}}""",
                          "System.Diagnostics.Process", "Process");
        yield return Case($$"""{"$type":"System.IO.FileInfo, {{CoreLib}}","OriginalPath":"/etc/passwd"}""", "System.IO.FileInfo", "FileInfo in CoreLib");
        yield return Case("""{"$type":"System.IO.FileInfo, System.Runtime"}""", "System.IO.FileInfo", "FileInfo by facade");
        yield return Case("""{"$type":"System.IO.FileInfo, System.IO.FileSystem"}""", "System.IO.FileInfo", "FileInfo by old assembly");
        yield return Case("""{"$type":"System.IO.FileInfo"}""", "System.IO.FileInfo", "FileInfo without assembly");
        yield return Case($$"""{"$type":"System.Collections.Generic.List`1[[System.Diagnostics.Process, System.Diagnostics.Process]], {{CoreLib}}","$values":[]}""",
                          "System.Diagnostics.Process", "List of Process");
        yield return Case($$"""{"$type":"System.Collections.Generic.Dictionary`2[[System.String, {{CoreLib}}],[System.IO.FileInfo, {{CoreLib}}]], {{CoreLib}}"}""",
                          "System.IO.FileInfo", "Dictionary of FileInfo");
        yield return Case($$"""{"$type":"System.Tuple`1[[System.Diagnostics.Process, System.Diagnostics.Process]], {{CoreLib}}"}""",
                          "System.Diagnostics.Process", "Tuple of Process");
        yield return Case($$"""{"$type":"System.IO.FileInfo[], {{CoreLib}}","$values":[]}""", "System.IO.FileInfo[]", "array of FileInfo");
        yield return Case($$"""{"$type":"System.Action, {{CoreLib}}"}""", "System.Action", "framework delegate");
        yield return Case($$"""{"$type":"{{typeof(TestCallback).FullName}}, Thespian.Tests"}""", "TestCallback", "delegate from an allowed assembly");
        yield return Case($$"""{"$type":"{{typeof(SpyActor).FullName}}, Thespian.Tests"}""", "SpyActor", "actor from an allowed assembly");
        yield return Case($$"""{"$type":"{{CompilerGeneratedName()}}, Thespian.Tests"}""", "<>", "compiler-generated type");
        yield return Case("""{"$type":"Thespian.Tests.Wire.NoSuchType, Thespian.Tests"}""", "NoSuchType", "missing type in an allowed assembly");
        yield return Case("""{"$type":"Evil.Payload, ../../tmp/evil"}""", "Evil.Payload", "assembly name as a path");
        yield return Case($$$"""{"$type":"Thespian.Tests.Wire.Holder, Thespian.Tests","Value":{"$type":"System.IO.FileInfo, {{{CoreLib}}}"}}""",
                          "System.IO.FileInfo", "nested in an object property");
        yield return Case("""{"$type":"Thespian.PoisonMessage, Thespian.Core","Message":{"$type":"System.Diagnostics.Process, System.Diagnostics.Process"}}""",
                          "System.Diagnostics.Process", "nested in a PoisonMessage");
        yield return Case("""["e","System.Diagnostics.ProcessPriorityClass, System.Diagnostics.Process",32]""",
                          "System.Diagnostics.ProcessPriorityClass", "enum from a disallowed assembly");
    }

    /// <summary>The closure class the compiler made for <see cref="CompilerGeneratedSource.Capture"/>.</summary>
    private static string CompilerGeneratedName() =>
        typeof(CompilerGeneratedSource).GetNestedTypes(System.Reflection.BindingFlags.NonPublic)
                                       .Single(t => t.Name.Contains("DisplayClass", StringComparison.Ordinal))
                                       .FullName!;

    private static DisallowedTypeException AssertRefused(WireSerializer serializer, string json, string refusedName)
    {
        var constructionsBefore = ConstructionSpy.Constructions;

        var exception = Assert.Catch<JsonException>(() => serializer.DeserializeText(json));

        var disallowed = FindInChain<DisallowedTypeException>(exception);
        Assert.That(disallowed, Is.Not.Null, () => DescribeChain(exception));
        Assert.That(disallowed!.TypeName, Does.Contain(refusedName));
        Assert.That(disallowed.Message, Does.StartWith("Refused the type"));
        Assert.That(ConstructionSpy.Constructions, Is.EqualTo(constructionsBefore), "nothing was instantiated");
        return disallowed;
    }

    [TestCaseSource(nameof(RefusedTypeNames))]
    public void Deserialize_DisallowedTypeName_IsRefused(string json, string refusedName)
    {
        AssertRefused(_serializer, json, refusedName);
    }

    [Test]
    public void Deserialize_TypeFromAnAssemblyNotOnTheActorPath_IsRefusedAndNeverInstantiated()
    {
        var json = $$"""{"$type":"{{TypeRef(typeof(ConstructionSpy))}}","Number":1}""";

        AssertRefused(ThespianOnly(), json, nameof(ConstructionSpy));
    }

    [Test]
    public void Deserialize_SameTypeWhenItsAssemblyIsOnTheActorPath_IsInstantiated()
    {
        // The control for the test above: the spy does count constructions.
        var json = $$"""{"$type":"{{TypeRef(typeof(ConstructionSpy))}}","Number":1}""";
        var before = ConstructionSpy.Constructions;

        var result = _serializer.DeserializeText(json);

        Assert.That(result, Is.TypeOf<ConstructionSpy>());
        Assert.That(ConstructionSpy.Constructions, Is.EqualTo(before + 1));
    }

    [Test]
    public void Deserialize_ActorFromAnAllowedAssembly_IsNeverInstantiated()
    {
        var json = $$"""{"$type":"{{TypeRef(typeof(SpyActor))}}"}""";

        AssertRefused(_serializer, json, nameof(SpyActor));
    }

    [Test]
    public void Deserialize_TypeNameNotTheFirstProperty_DoesNotInstantiateIt()
    {
        var json = $$"""{"Number":1,"$type":"{{TypeRef(typeof(ConstructionSpy))}}"}""";
        var before = ConstructionSpy.Constructions;

        object? result = null;
        try
        {
            result = ThespianOnly().DeserializeText(json);
        }
        catch (JsonException)
        {
        }

        Assert.That(result, Is.Not.InstanceOf<ConstructionSpy>());
        Assert.That(ConstructionSpy.Constructions, Is.EqualTo(before));
    }

    [Test]
    public void Deserialize_MemberDeclaredAsADisallowedType_IsRefused()
    {
        // No $type names the StringBuilder: the allowed message's declared member type brings it in.
        var json = $$$"""{"$type":"{{{TypeRef(typeof(CarriesBuilder))}}}","Builder":{"Capacity":16}}""";

        AssertRefused(_serializer, json, "System.Text.StringBuilder");
    }

    [Test]
    public void Deserialize_RefusedTypeName_SurfacesAsJsonSerializationExceptionWrappingDisallowedTypeException()
    {
        var exception = Assert.Catch<JsonException>(() => _serializer.DeserializeText("""{"$type":"Thespian.ActorSystem, Thespian.Core"}"""));

        Assert.That(exception, Is.TypeOf<JsonSerializationException>(), () => DescribeChain(exception));
        Assert.That(exception.InnerException, Is.TypeOf<DisallowedTypeException>());
        Assert.That(exception.Message, Does.Contain("Thespian.ActorSystem, Thespian.Core"));
        Assert.That(((DisallowedTypeException)exception.InnerException!).TypeName, Is.EqualTo("Thespian.ActorSystem, Thespian.Core"));
    }

    [Test]
    public void Deserialize_RefusedEnumTypeName_SurfacesAsDisallowedTypeExceptionItself()
    {
        var exception = Assert.Catch<JsonException>(
            () => _serializer.DeserializeText("""["e","System.Diagnostics.ProcessPriorityClass, System.Diagnostics.Process",32]"""));

        Assert.That(exception, Is.TypeOf<DisallowedTypeException>(), () => DescribeChain(exception));
    }

    [Test]
    public void Deserialize_AllowedEnumTypeNameForANonEnum_IsRefused()
    {
        var exception = Assert.Catch<JsonException>(() => _serializer.DeserializeText($$"""["e","{{TypeRef(typeof(Holder))}}",1]"""));

        Assert.That(exception.Message, Does.Contain("not an allowed enum type"));
    }
}
