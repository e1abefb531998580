// The actor code that SignedSources signs, loads and runs. The example program never references this
// assembly: it reaches the system only as a signed source package.
using Thespian;

namespace SignedSourcesExample;

/// <summary>Answers a name with a greeting that says where the code came from.</summary>
public sealed class Greeter : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is string name)
        {
            Send(sender, $"Hello, {name}, from a signed source!");
        }
    }
}
