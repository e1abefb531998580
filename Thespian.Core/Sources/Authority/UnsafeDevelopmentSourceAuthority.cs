using Thespian.Sources;

namespace Thespian;

/// <summary>
/// A source authority for development and tests only: it accepts every loaded source unchanged, without any
/// check, and logs a warning saying so each time. Never use it in production — anything that can call
/// <c>LoadActorSource</c> could then run any code in the system; use <see cref="SignedSourceAuthority"/> there.
/// </summary>
/// <remarks>
/// Any string message (such as <c>"register"</c>) or a <see cref="ConfigureSourceAuthority"/> (whose keys it
/// ignores) registers it as the system's source authority; it answers <see cref="SourceAuthorityReady"/>.
/// This is the "SimpleSourceAuthority" of the Python guide's Security Considerations.
/// </remarks>
public sealed class UnsafeDevelopmentSourceAuthority : Actor
{
    /// <summary>The <see cref="ValidatedSource.SourceInfo"/> of every source it accepts.</summary>
    public const string AcceptedInfo = "accepted unchecked by UnsafeDevelopmentSourceAuthority (development only)";

    /// <summary>Registers on a string or <see cref="ConfigureSourceAuthority"/>; accepts every <see cref="ValidateSource"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">Who sent it; the answer goes back to it.</param>
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        switch (message)
        {
            case ValidateSource validate:
                Logger.SourceAcceptedUnchecked(validate.SourceHash);
                Send(sender, new ValidatedSource(validate.SourceHash, validate.SourceData, AcceptedInfo));
                break;
            case string or ConfigureSourceAuthority:
                RegisterSourceAuthority();
                Logger.UnsafeAuthorityRegistered();
                Send(sender, new SourceAuthorityReady(
                    $"{nameof(UnsafeDevelopmentSourceAuthority)} accepts every source unchecked: for development only, never for production."));
                break;
        }
    }
}
