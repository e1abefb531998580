namespace Thespian.Tests.Sources.Authority.Support;

/// <summary>A signed source authority that carries its trusted key in code: any string registers it.</summary>
public sealed class BuiltInKeyAuthority : SignedSourceAuthority
{
    protected override ConfigureSourceAuthority BuiltInConfiguration => new(TestKeys.FixedPublicPem);
}
