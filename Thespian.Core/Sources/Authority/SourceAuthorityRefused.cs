namespace Thespian;

/// <summary>
/// The answer of <see cref="SignedSourceAuthority"/> to a configuration it cannot use: the authority keeps the
/// configuration it had (or stays unregistered, if it had none).
/// </summary>
/// <param name="Reason">What is wrong with the configuration and what to do about it.</param>
public sealed record SourceAuthorityRefused(string Reason);
