using Thespian;
using Thespian.Bases.Simple;
using Thespian.Runtime;

[assembly: ThespianSystemBase(SystemBaseNames.Simple, typeof(SimpleSystemBaseFactory))]

namespace Thespian.Bases.Simple;

/// <summary>Starts a new simple system (there is nothing to join: it lives in this process only).</summary>
internal sealed class SimpleSystemBaseFactory : ISystemBaseFactory
{
    public ISystemBase StartOrJoin(IDictionary<string, object?>? capabilities, LogDefs? logDefs) =>
        new SimpleSystemBase(capabilities, logDefs);
}
