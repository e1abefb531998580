using Thespian.Sources;

namespace Thespian;

/// <summary>
/// A source authority for production: it accepts only signed source packages (see <see cref="SignedSourcePackage"/>)
/// whose signature verifies with a trusted public key, decrypts encrypted ones, and answers the system with the
/// source zip inside. Any other load is rejected and the reason logged as a warning.
/// </summary>
/// <remarks>
/// <para>Create it, then send it <see cref="ConfigureSourceAuthority"/> (for example with <c>Ask</c>): it registers
/// itself as the system's source authority and answers <see cref="SourceAuthorityReady"/>, or
/// <see cref="SourceAuthorityRefused"/> when the keys cannot be used. Configuring by message works on every base,
/// including those where the authority runs in its own process.</para>
/// <para>A subclass may carry its configuration in code instead: override <see cref="BuiltInConfiguration"/>, and
/// any string message (such as <c>"register"</c>) registers it with that configuration.</para>
/// <para>It answers <see cref="ValidateSource"/> only when the actor system sends it, so that no other actor or
/// application can use it to decrypt packages.</para>
/// </remarks>
public class SignedSourceAuthority : Actor
{
    private AuthorityKeys? _keys;

    /// <summary>
    /// The configuration a subclass carries in code, used when the authority receives any string message; null
    /// (the default) when the authority is configured only by <see cref="ConfigureSourceAuthority"/>.
    /// </summary>
    protected virtual ConfigureSourceAuthority? BuiltInConfiguration => null;

    /// <summary>Handles <see cref="ConfigureSourceAuthority"/>, string messages (see <see cref="BuiltInConfiguration"/>) and <see cref="ValidateSource"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">Who sent it; configuration answers go back to it.</param>
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        switch (message)
        {
            case ValidateSource validate:
                Validate(validate, sender);
                break;
            case ConfigureSourceAuthority configuration:
                Configure(configuration, sender);
                break;
            case string when BuiltInConfiguration is { } builtIn:
                Configure(builtIn, sender);
                break;
            case string:
                Refuse(sender, $"{GetType().Name} has no configuration in code; send it {nameof(ConfigureSourceAuthority)} " +
                               "with the public key(s) packages are signed with.");
                break;
        }
    }

    private void Configure(ConfigureSourceAuthority configuration, ActorAddress sender)
    {
        AuthorityKeys keys;
        try
        {
            keys = AuthorityKeys.From(configuration);
        }
        catch (SignedSourceException ex)
        {
            Refuse(sender, ex.Message);
            return;
        }

        _keys?.Dispose();
        _keys = keys;
        RegisterSourceAuthority();
        var description = keys.Description;
        Logger.AuthorityRegistered(description);
        Send(sender, new SourceAuthorityReady(description));
    }

    private void Refuse(ActorAddress sender, string reason)
    {
        Logger.ConfigurationRefused(reason);
        Send(sender, new SourceAuthorityRefused(reason));
    }

    private void Validate(ValidateSource validate, ActorAddress sender)
    {
        if (sender != Cell.Runtime.SystemAddress)
        {
            Logger.ValidateFromStranger(validate.SourceHash, sender);
            return;
        }

        OpenedPackage opened;
        try
        {
            if (_keys is not { } keys)
            {
                throw new SignedSourceException($"{GetType().Name} has not been configured; send it {nameof(ConfigureSourceAuthority)}.");
            }

            opened = SignedSourceReader.Open(validate.SourceData, keys.PublicKeys, keys.DecryptionKey);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var reason = ex is SignedSourceException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            Logger.SourceRejected(validate.SourceHash, reason);
            Send(sender, new ValidatedSource(validate.SourceHash, null));
            return;
        }

        var detail = opened.Manifest.Describe(opened.VerifiedKeyId);
        Logger.SourceAccepted(validate.SourceHash, detail);
        Send(sender, new ValidatedSource(validate.SourceHash, opened.SourceZip, detail));
    }
}
