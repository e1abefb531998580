using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Thespian.Tests.PublicApi;

/// <summary>
/// The members API.md fixes, each checked by name, parameters, defaults and nullability. Unlike the
/// approval test, regenerating the approved file cannot hide a member dropped from this list: every entry
/// is copied from API.md, and a missing one fails with the member it expected and what exists instead.
/// Declarations are written as <see cref="PublicApiRenderer"/> renders them; "virtual", "override",
/// "sealed" and "abstract" on members are not compared here (the approval test freezes those), and a
/// property needs at least the accessors listed.
/// </summary>
public sealed partial class ApiContractTests
{
    private static readonly Assembly Core = typeof(ActorSystem).Assembly;

    private static readonly (string Owner, string[] Declarations)[] ApiMd =
    [
        ("Thespian.ActorSystem",
        [
            "public ActorSystem(string? systemBase = null, System.Collections.Generic.IDictionary<string, object?>? capabilities = null, Thespian.LogDefs? logDefs = null, bool transientUnique = false)",
            "public Thespian.ActorAddress CreateActor(System.Type actorType, object? targetActorRequirements = null, string? globalName = null, string? sourceHash = null)",
            "public Thespian.ActorAddress CreateActor<TActor>(object? targetActorRequirements = null, string? globalName = null, string? sourceHash = null) where TActor : Thespian.Actor",
            "public Thespian.ActorAddress CreateActor(string actorTypeName, object? targetActorRequirements = null, string? globalName = null, string? sourceHash = null)",
            "public void Tell(Thespian.ActorAddress target, object message)",
            "public object? Ask(Thespian.ActorAddress target, object message, System.TimeSpan? timeout = null)",
            "public object? Listen(System.TimeSpan? timeout = null)",
            "public System.Threading.Tasks.Task<object?> AskAsync(Thespian.ActorAddress target, object message, System.TimeSpan? timeout = null, System.Threading.CancellationToken cancellationToken = default)",
            "public System.Threading.Tasks.Task<object?> ListenAsync(System.TimeSpan? timeout = null, System.Threading.CancellationToken cancellationToken = default)",
            "public void UpdateCapability(string capabilityName, object? capabilityValue = null)",
            "public System.Collections.Generic.IReadOnlyDictionary<string, object?> Capabilities { get; }",
            "public Thespian.ActorAddress SystemAddress { get; }",
            "public string LoadActorSource(string zipPath)",
            "public string LoadActorSource(System.IO.Stream zipData)",
            "public void UnloadActorSource(string sourceHash)",
            "public Thespian.ActorSystem Private()",
            "public void Shutdown()",
            "public void Dispose()",
        ]),
        ("Thespian.SystemBaseNames",
        [
            "public const string Simple = \"simpleSystemBase\"",
            "public const string MultiprocTcp = \"multiprocTCPBase\"",
            "public const string MultiprocUdp = \"multiprocUDPBase\"",
        ]),
        ("Thespian.LogDefs",
        [
            "public static Thespian.LogDefs Disabled { get; }",
            "public string? FilePath { get; init; }",
            "public Microsoft.Extensions.Logging.LogLevel MinimumLevel { get; init; }",
        ]),
        ("Thespian.ActorAddress",
        [
            "public string ToString()",
            "public bool Equals(Thespian.ActorAddress? other)",
            "public bool Equals(object? obj)",
            "public int GetHashCode()",
            "public static bool operator ==(Thespian.ActorAddress? left, Thespian.ActorAddress? right)",
            "public static bool operator !=(Thespian.ActorAddress? left, Thespian.ActorAddress? right)",
        ]),
        ("Thespian.Actor",
        [
            "public Thespian.ActorAddress MyAddress { get; }",
            "public string? GlobalName { get; }",
            "protected Microsoft.Extensions.Logging.ILogger Logger { get; }",
            "public void ReceiveMessage(object message, Thespian.ActorAddress sender)",
            "protected Thespian.ActorAddress CreateActor(System.Type actorType, object? targetActorRequirements = null, string? globalName = null, string? sourceHash = null)",
            "protected Thespian.ActorAddress CreateActor<TActor>(object? targetActorRequirements = null, string? globalName = null) where TActor : Thespian.Actor",
            "protected Thespian.ActorAddress CreateActor(string actorTypeName, object? targetActorRequirements = null, string? globalName = null, string? sourceHash = null)",
            "protected void Send(Thespian.ActorAddress target, object message)",
            "protected void WakeupAfter(System.TimeSpan period, object? payload = null)",
            "protected void HandleDeadLetters(bool startHandling = true)",
            "protected void NotifyOnSystemRegistrationChanges(bool startHandling = true)",
            "protected void NotifyOnSourceAvailability(bool enable = true)",
            "protected void RegisterSourceAuthority()",
            "protected string LoadActorSource(string zipPath)",
            "protected void UnloadActorSource(string sourceHash)",
            "protected void UpdateCapability(string capabilityName, object? capabilityValue = null)",
            "protected void PreRegisterRemoteSystem(string remoteAddress, System.Collections.Generic.IDictionary<string, object?>? remoteCapabilities = null)",
            "protected void DeRegisterRemoteSystem(string remoteAddress)",
            "protected void DeRegisterRemoteSystem(Thespian.ActorAddress remoteAdminAddress)",
            "protected void ActorSystemShutdown()",
            "protected void Watch(Thespian.ThespianWatch watch)",
            "protected bool TroupeWorkInProgress { get; set; }",
        ]),
        ("Thespian.ICapabilityCheck",
        [
            "public static bool ActorSystemCapabilityCheck(System.Collections.Generic.IReadOnlyDictionary<string, object?> capabilities, object? requirements)",
        ]),
        ("Thespian.RequireCapabilityAttribute",
        [
            "public RequireCapabilityAttribute(string capabilityName)",
            "public RequireCapabilityAttribute(string capabilityName, object value)",
        ]),
        ("Thespian.TroupeAttribute",
        [
            "public int MaxCount { get; init; }",
            "public int IdleCount { get; init; }",
        ]),
        ("Thespian.UpdateTroupeSettings",
        [
            "public int? MaxCount",
            "public int? IdleCount",
        ]),
        ("Thespian.ActorTypeDispatcher",
        [
            "public static readonly object Super",
            "public void ReceiveMessage(object message, Thespian.ActorAddress sender)",
            "protected void ReceiveUnrecognizedMessage(object message, Thespian.ActorAddress sender)",
        ]),
        ("Thespian.ActorExitRequest",
        [
            "public ActorExitRequest(bool recursive = true)",
            "public bool IsRecursive { get; }",
            "public void NotRecursive()",
        ]),
        ("Thespian.ChildActorExited", ["public Thespian.ActorAddress ChildAddress { get; }"]),
        ("Thespian.PoisonMessage", ["public object Message { get; }", "public string? Details { get; }"]),
        ("Thespian.DeadEnvelope", ["public object DeadMessage { get; }", "public Thespian.ActorAddress DeadAddress { get; }"]),
        ("Thespian.WakeupMessage", ["public System.TimeSpan DelayPeriod { get; }", "public object? Payload { get; }"]),
        ("Thespian.WatchMessage", ["public System.Collections.Generic.IReadOnlyList<int> Ready { get; }"]),
        ("Thespian.ActorSystemConventionUpdate",
        [
            "public Thespian.ActorAddress RemoteAdminAddress { get; }",
            "public System.Collections.Generic.IReadOnlyDictionary<string, object?> RemoteCapabilities { get; }",
            "public bool RemoteAdded { get; }",
        ]),
        ("Thespian.ValidateSource",
        [
            "public string SourceHash { get; }",
            "public byte[] SourceData { get; }",
            "public string? SourceInfo { get; }",
        ]),
        ("Thespian.ValidatedSource",
        [
            "public ValidatedSource(string sourceHash, byte[]? sourceZip, string? sourceInfo = null)",
            "public byte[]? SourceZip { get; }",
        ]),
        ("Thespian.LoadedSource", ["public string SourceHash { get; }", "public string? SourceInfo { get; }"]),
        ("Thespian.UnloadedSource", ["public string SourceHash { get; }", "public string? SourceInfo { get; }"]),
        ("Thespian.ThespianStatusRequest", ["public ThespianStatusRequest()"]),
        ("Thespian.ThespianSystemStatus",
        [
            "public Thespian.ActorAddress AdminAddress { get; }",
            "public System.Collections.Generic.IReadOnlyDictionary<string, object?> Capabilities { get; }",
            "public Thespian.ActorAddress? ConventionLeader { get; }",
            "public System.Collections.Generic.IReadOnlyList<Thespian.ActorAddress> ConventionMembers { get; }",
            "public System.Collections.Generic.IReadOnlyDictionary<string, Thespian.ActorAddress> GlobalNames { get; }",
            "public System.Collections.Generic.IReadOnlyList<Thespian.ActorAddress> DeadLetterHandlers { get; }",
            "public Thespian.ActorAddress? SourceAuthority { get; }",
            "public System.Collections.Generic.IReadOnlyList<string> LoadedSources { get; }",
            "public int ActorCount { get; }",
        ]),
        ("Thespian.ThespianActorStatus",
        [
            "public Thespian.ActorAddress ActorAddress { get; }",
            "public string ActorType { get; }",
            "public Thespian.ActorAddress? ParentAddress { get; }",
            "public System.Collections.Generic.IReadOnlyList<Thespian.ActorAddress> ChildActors { get; }",
            "public long MessagesReceived { get; }",
            "public long MessagesSent { get; }",
            "public int PendingWakeups { get; }",
        ]),
        ("Thespian.ThespianWatch", ["public ThespianWatch(System.Collections.Generic.IEnumerable<int> fileDescriptors)"]),
    ];

    private static readonly string[] SystemMessages =
    [
        "ActorExitRequest", "ChildActorExited", "PoisonMessage", "DeadEnvelope", "WakeupMessage", "WatchMessage",
        "ActorSystemConventionUpdate", "ValidateSource", "ValidatedSource", "LoadedSource", "UnloadedSource",
        "ThespianStatusRequest", "ThespianSystemStatus", "ThespianActorStatus",
    ];

    private static readonly (string Exception, string Base)[] Exceptions =
    [
        ("ActorSystemException", "System.Exception"),
        ("InvalidActorAddressException", "Thespian.ActorSystemException"),
        ("NoCompatibleSystemForActorException", "Thespian.ActorSystemException"),
        ("ActorSystemFailureException", "Thespian.ActorSystemException"),
        ("ActorSystemStartupFailureException", "Thespian.ActorSystemFailureException"),
        ("ActorSystemRequestTimeoutException", "Thespian.ActorSystemFailureException"),
        ("InvalidActorSourceHashException", "Thespian.ActorSystemException"),
        ("InvalidActorSpecificationException", "Thespian.ActorSystemException"),
    ];

    private static IEnumerable<TestCaseData> Members() =>
        ApiMd.SelectMany(entry => entry.Declarations.Select(d =>
            new TestCaseData(entry.Owner, d).SetArgDisplayNames(entry.Owner, d)));

    private static IEnumerable<TestCaseData> MessageTypes() =>
        SystemMessages.Select(m => new TestCaseData(m).SetArgDisplayNames(m));

    private static IEnumerable<TestCaseData> ExceptionTypes() =>
        Exceptions.Select(e => new TestCaseData(e.Exception, e.Base).SetArgDisplayNames(e.Exception, e.Base));

    private static Lazy<ILookup<string, string>> Rendered { get; } = new(() =>
        PublicApiRenderer.Render(Core).Skip(1)
                         .Select(l => (Owner: l[..l.IndexOf(": ", StringComparison.Ordinal)], Declaration: l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
                         .ToLookup(l => l.Owner, l => l.Declaration, StringComparer.Ordinal));

    private static Type RequiredType(string fullName)
    {
        var type = Core.GetType(fullName);
        Assert.That(type, Is.Not.Null, $"API.md requires the public type {fullName} in Thespian.Core; it does not exist.");
        Assert.That(type!.IsVisible, Is.True, $"API.md requires {fullName} to be public.");
        return type;
    }

    [TestCaseSource(nameof(Members))]
    public void ApiMd_Member_IsPublicWithThisSignature(string owner, string declaration)
    {
        RequiredType(owner);
        var actual = Rendered.Value[owner].ToList();

        if (actual.Any(a => Matches(declaration, a)))
        {
            return;
        }

        var name = MemberName(declaration);
        var sameName = actual.Where(a => MemberName(a) == name).ToList();
        Assert.Fail($"API.md requires on {owner}:\n    {declaration}\nbut it is not in the public API. " +
                    (sameName.Count == 0
                        ? $"{owner} has no public or protected member named {name}."
                        : $"Members named {name} now:\n    " + string.Join("\n    ", sameName)));
    }

    [TestCaseSource(nameof(MessageTypes))]
    public void ApiMd_SystemMessage_DerivesFromActorSystemMessage(string name)
    {
        var type = RequiredType("Thespian." + name);

        Assert.That(type.IsSubclassOf(typeof(ActorSystemMessage)), Is.True, $"{name} must derive from ActorSystemMessage");
    }

    [Test]
    public void ApiMd_ActorSystemMessage_IsAPublicAbstractClass()
    {
        var type = RequiredType("Thespian.ActorSystemMessage");

        Assert.That(type.IsClass && type.IsAbstract, Is.True);
    }

    [TestCaseSource(nameof(ExceptionTypes))]
    public void ApiMd_Exception_DerivesFromItsBase(string name, string baseName)
    {
        var type = RequiredType("Thespian." + name);

        Assert.That(type.BaseType?.FullName, Is.EqualTo(baseName), $"{name} must derive directly from {baseName}");
    }

    [Test]
    public void ApiMd_ActorSystem_IsSealedAndDisposable()
    {
        var type = RequiredType("Thespian.ActorSystem");

        Assert.That(type.IsSealed, Is.True);
        Assert.That(typeof(IDisposable).IsAssignableFrom(type), Is.True);
    }

    [Test]
    public void ApiMd_ActorAddress_IsSealedEquatableAndHasNoPublicConstructor()
    {
        var type = RequiredType("Thespian.ActorAddress");

        Assert.That(type.IsSealed, Is.True);
        Assert.That(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), Is.True);
        Assert.That(Rendered.Value["Thespian.ActorAddress"].Where(d => d.Contains(" ActorAddress(", StringComparison.Ordinal)),
                    Is.Empty, "only the system makes addresses");
    }

    [Test]
    public void ApiMd_ActorAndActorTypeDispatcher_AreAbstractClassesInThatHierarchy()
    {
        var actor = RequiredType("Thespian.Actor");
        var dispatcher = RequiredType("Thespian.ActorTypeDispatcher");

        Assert.That(actor.IsAbstract, Is.True);
        Assert.That(dispatcher.IsAbstract, Is.True);
        Assert.That(dispatcher.BaseType, Is.EqualTo(actor));
        Assert.That(actor.GetMethod("ReceiveMessage")!.IsAbstract, Is.True, "Actor.ReceiveMessage is abstract");
        Assert.That(dispatcher.GetMethod("ReceiveMessage")!.IsFinal, Is.True, "ActorTypeDispatcher.ReceiveMessage is sealed");
    }

    [Test]
    public void ApiMd_ICapabilityCheck_IsAnInterfaceWithAStaticAbstractCheck()
    {
        var type = RequiredType("Thespian.ICapabilityCheck");
        var check = type.GetMethod("ActorSystemCapabilityCheck");

        Assert.That(type.IsInterface, Is.True);
        Assert.That(check, Is.Not.Null);
        Assert.That(check!.IsStatic && check.IsAbstract, Is.True, "static abstract");
        Assert.That(check.ReturnType, Is.EqualTo(typeof(bool)));
    }

    [Test]
    public void ApiMd_RequireCapabilityAttribute_IsASealedRepeatableInheritedClassAttribute()
    {
        var type = RequiredType("Thespian.RequireCapabilityAttribute");
        var usage = type.GetCustomAttribute<AttributeUsageAttribute>();

        Assert.That(type.IsSealed && type.IsSubclassOf(typeof(Attribute)), Is.True);
        Assert.That(usage, Is.Not.Null);
        Assert.That(usage!.ValidOn, Is.EqualTo(AttributeTargets.Class));
        Assert.That(usage.AllowMultiple, Is.True);
        Assert.That(usage.Inherited, Is.True);
    }

    [Test]
    public void ApiMd_TroupeAttribute_IsASealedInheritedClassAttributeWithDefaultsTenAndTwo()
    {
        var type = RequiredType("Thespian.TroupeAttribute");
        var usage = type.GetCustomAttribute<AttributeUsageAttribute>();

        Assert.That(type.IsSealed && type.IsSubclassOf(typeof(Attribute)), Is.True);
        Assert.That(usage!.ValidOn, Is.EqualTo(AttributeTargets.Class));
        Assert.That(usage.Inherited, Is.True);
        Assert.That(new TroupeAttribute().MaxCount, Is.EqualTo(10));
        Assert.That(new TroupeAttribute().IdleCount, Is.EqualTo(2));
    }

    [Test]
    public void ApiMd_UpdateTroupeSettings_IsASealedClassWithNullableFields()
    {
        var type = RequiredType("Thespian.UpdateTroupeSettings");

        Assert.That(type.IsSealed, Is.True);
        Assert.That(type.GetField("MaxCount")?.FieldType, Is.EqualTo(typeof(int?)));
        Assert.That(type.GetField("IdleCount")?.FieldType, Is.EqualTo(typeof(int?)));
    }

    [Test]
    public void ApiMd_LogDefs_IsASealedRecordWithInformationAsTheDefaultLevel()
    {
        var type = RequiredType("Thespian.LogDefs");

        Assert.That(type.IsSealed, Is.True);
        Assert.That(type.GetMethod("<Clone>$"), Is.Not.Null, "LogDefs is a record (with-expressions work)");
        Assert.That(new LogDefs().MinimumLevel, Is.EqualTo(LogLevel.Information));
        Assert.That(LogDefs.Disabled, Is.Not.Null);
    }

    [Test]
    public void ApiMd_SystemBaseNames_IsAStaticClass()
    {
        var type = RequiredType("Thespian.SystemBaseNames");

        Assert.That(type.IsAbstract && type.IsSealed, Is.True);
    }

    [Test]
    public void ApiMd_ThespianWatch_IsAClassNotAMessage()
    {
        var type = RequiredType("Thespian.ThespianWatch");

        Assert.That(type.IsSubclassOf(typeof(ActorSystemMessage)), Is.False);
    }

    [Test]
    public void ApiMd_EveryPublicType_IsInNamespaceThespian()
    {
        Assert.That(Core.GetExportedTypes().Select(t => t.Namespace), Has.All.EqualTo("Thespian"));
    }

    /// <summary>An expected declaration matches an actual one ignoring member modifiers; a property needs the listed accessors.</summary>
    private static bool Matches(string expected, string actual)
    {
        var (expectedHead, expectedAccessors) = Split(Normalize(expected));
        var (actualHead, actualAccessors) = Split(Normalize(actual));
        return expectedHead == actualHead && expectedAccessors.All(actualAccessors.Contains);
    }

    private static string Normalize(string declaration) => ModifierPattern().Replace(declaration, string.Empty);

    private static (string Head, string[] Accessors) Split(string declaration)
    {
        var brace = declaration.IndexOf(" { ", StringComparison.Ordinal);
        if (brace < 0 || !declaration.EndsWith(" }", StringComparison.Ordinal))
        {
            return (declaration, []);
        }

        var accessors = declaration[(brace + 3)..^2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (declaration[..brace], accessors);
    }

    private static string MemberName(string declaration)
    {
        var head = Split(declaration).Head;
        var end = head.IndexOf('(', StringComparison.Ordinal);
        if (end < 0)
        {
            end = head.IndexOf(" =", StringComparison.Ordinal);
        }

        head = end < 0 ? head : head[..end];
        if (head.EndsWith('>'))
        {
            head = head[..head.LastIndexOf('<')];
        }

        return head[(head.LastIndexOf(' ') + 1)..];
    }

    [GeneratedRegex(@"(?<=^(public|protected) (static )?)((sealed |abstract )?(override|virtual) |abstract )")]
    private static partial Regex ModifierPattern();
}
