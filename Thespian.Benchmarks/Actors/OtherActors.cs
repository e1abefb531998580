namespace Thespian.Benchmarks.Actors;

/// <summary>Sends every message back to its sender.</summary>
internal sealed class Echo : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is not ActorSystemMessage)
        {
            Send(sender, message);
        }
    }
}

/// <summary>The smallest actor there is: the unit of the creation benchmark.</summary>
internal sealed class Idle : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
    }
}

/// <summary>On <see cref="CreateChildren"/>, creates that many <see cref="Idle"/> children, then replies <see cref="Done"/>.</summary>
internal sealed class Creator : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is CreateChildren create)
        {
            for (var i = 0; i < create.Count; i++)
            {
                CreateActor<Idle>();
            }

            Send(sender, new Done(create.Count));
        }
    }
}
