namespace Thespian.Tests.Sources.Support;

/// <summary>The actor code the source tests load: C# compiled at test time into real assemblies and zipped.</summary>
public static class TestSources
{
    /// <summary>The greeter's namespace-qualified type name (the same in every version).</summary>
    public const string GreeterType = "Sources.Greeting.Greeter";

    /// <summary>The greeter source's troupe (at most two workers).</summary>
    public const string WorkerType = "Sources.Greeting.Worker";

    /// <summary>The formatting actor of the two-assembly source.</summary>
    public const string FormattingType = "Sources.App.Formatting";

    /// <summary>
    /// A greeter source of one <paramref name="version"/>: the assembly name and type names are the same in
    /// every version, only the answers differ, so two versions loaded as two sources run side by side.
    /// </summary>
    public static byte[] Greeter(string version) => SourceZip.Compiled("Thespian.TestSources.Greeting", GreeterCode(version));

    /// <summary>The dog greeter's type name (<see cref="DogGreeter"/>).</summary>
    public const string DogGreeterType = "Sources.Dogs.DogGreeter";

    /// <summary>A source whose only actor runs where the capability "dog" is truthy and answers "version" with <paramref name="version"/>.</summary>
    public static byte[] DogGreeter(string version) => SourceZip.Compiled("Thespian.TestSources.Dogs", $$"""
        using Thespian;

        namespace Sources.Dogs;

        [RequireCapability("dog")]
        public sealed class DogGreeter : Actor
        {
            public override void ReceiveMessage(object message, ActorAddress sender)
            {
                if (message is "version")
                {
                    Send(sender, "{{version}}");
                }
                else if (message is "pid")
                {
                    Send(sender, System.Environment.ProcessId);
                }
            }
        }
        """);

    /// <summary>Two assemblies in one source: an actor assembly that uses a library assembly of the same source.</summary>
    public static byte[] TwoAssemblies()
    {
        var library = SourceCompiler.Compile("Thespian.TestSources.Lib", LibraryCode);
        var app = SourceCompiler.Compile("Thespian.TestSources.App", AppCode, library);
        return SourceZip.Of(("Thespian.TestSources.App.dll", app), ("lib/Thespian.TestSources.Lib.dll", library));
    }

    private static string GreeterCode(string version) => $$"""
        using System;
        using System.Linq;
        using System.Runtime.Loader;
        using Thespian;

        namespace Sources.Greeting;

        /// A message type that exists only in this source.
        public sealed record Greeting(string Text, string Version);

        public sealed class Greeter : Actor
        {
            public override void ReceiveMessage(object message, ActorAddress sender)
            {
                switch (message)
                {
                    case "version":
                        Send(sender, "{{version}}");
                        break;
                    case "helper":
                        // By name: found in this actor's own source.
                        Send(CreateActor("Sources.Greeting.Helper"), sender);
                        break;
                    case "greet-peer":
                        // A source type travels to another actor of the same source.
                        var peer = CreateActor(typeof(Peer));
                        Send(peer, sender);
                        Send(peer, new Greeting("hello", "{{version}}"));
                        break;
                    case "greet-me":
                        Send(sender, new Greeting("hello", "{{version}}"));
                        break;
                    case "context":
                        Send(sender, new WeakReference(AssemblyLoadContext.GetLoadContext(GetType().Assembly)));
                        break;
                    case "context-name":
                        Send(sender, AssemblyLoadContext.GetLoadContext(GetType().Assembly)?.Name ?? "(none)");
                        break;
                    case "actor-is-shared":
                        Send(sender, typeof(Actor).Assembly == AssemblyLoadContext.Default.Assemblies
                            .First(a => a.GetName().Name == "Thespian.Core"));
                        break;
                }
            }
        }

        [Troupe(MaxCount = 2, IdleCount = 1)]
        public sealed class Worker : Actor
        {
            public override void ReceiveMessage(object message, ActorAddress sender)
            {
                if (message is "version")
                {
                    Send(sender, "worker {{version}}");
                }
            }
        }

        public sealed class Helper : Actor
        {
            public override void ReceiveMessage(object message, ActorAddress sender)
            {
                if (message is ActorAddress requester)
                {
                    Send(requester, "helper {{version}}");
                }
            }
        }

        public sealed class Peer : Actor
        {
            private ActorAddress? _reportTo;

            public override void ReceiveMessage(object message, ActorAddress sender)
            {
                switch (message)
                {
                    case ActorAddress reportTo:
                        _reportTo = reportTo;
                        break;
                    case Greeting greeting when _reportTo is not null:
                        Send(_reportTo, $"peer got {greeting.Text} {greeting.Version}");
                        break;
                }
            }
        }
        """;

    private const string LibraryCode = """
        namespace Sources.Lib;

        public static class Formatter
        {
            public static string Format(string text) => $"[{text.ToUpperInvariant()}]";
        }
        """;

    private const string AppCode = """
        using Thespian;

        namespace Sources.App;

        public sealed class Formatting : Actor
        {
            public override void ReceiveMessage(object message, ActorAddress sender)
            {
                if (message is string text)
                {
                    Send(sender, Sources.Lib.Formatter.Format(text));
                }
            }
        }
        """;
}
