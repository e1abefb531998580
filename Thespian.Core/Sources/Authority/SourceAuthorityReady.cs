namespace Thespian;

/// <summary>
/// The answer of <see cref="SignedSourceAuthority"/> and <see cref="UnsafeDevelopmentSourceAuthority"/> once they
/// have registered as the system's source authority.
/// </summary>
/// <param name="Description">What the authority now accepts, for example the ids of the trusted keys.</param>
public sealed record SourceAuthorityReady(string Description);
