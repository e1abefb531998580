using Thespian.Wire;
using Thespian.Wire.Authentication;

namespace Thespian.Tests.Wire.Authentication;

/// <summary>The proofs of the challenge–response: right only for the same secret, side, greeting, nonces and status.</summary>
public sealed class ChallengeResponseTests
{
    private static readonly SystemSecret Secret = SystemSecret.FromText("correct horse battery staple");
    private readonly byte[] _greeting = new byte[WireProtocol.HandshakeLength];
    private readonly byte[] _connectingNonce = new byte[ChallengeResponse.NonceLength];
    private readonly byte[] _acceptingNonce = new byte[ChallengeResponse.NonceLength];

    [SetUp]
    public void MakeTranscript()
    {
        Handshake.WriteHello(_greeting, WireRole.Client, authenticating: true);
        ChallengeResponse.NewNonce(_connectingNonce);
        ChallengeResponse.NewNonce(_acceptingNonce);
    }

    [Test]
    public void Verify_ProofOfTheSameTranscript_True()
    {
        var proof = Prove(Secret, ProofSide.Connecting);

        Assert.That(ChallengeResponse.Verify(Secret, ProofSide.Connecting, _greeting, _connectingNonce, _acceptingNonce, 0, proof), Is.True);
    }

    [Test]
    public void Verify_AnotherSecret_False()
    {
        var proof = Prove(SystemSecret.FromText("another secret"), ProofSide.Connecting);

        Assert.That(ChallengeResponse.Verify(Secret, ProofSide.Connecting, _greeting, _connectingNonce, _acceptingNonce, 0, proof), Is.False);
    }

    [Test]
    public void Verify_TheOtherSidesProof_False()
    {
        var proof = Prove(Secret, ProofSide.Accepting);

        Assert.That(ChallengeResponse.Verify(Secret, ProofSide.Connecting, _greeting, _connectingNonce, _acceptingNonce, 0, proof), Is.False);
    }

    [Test]
    public void Verify_TamperedNonceOrGreetingOrStatusOrProof_False([Values(0, 1, 2, 3, 4)] int tampered)
    {
        var proof = Prove(Secret, ProofSide.Accepting);
        byte status = 0;
        switch (tampered)
        {
            case 0: _connectingNonce[5] ^= 1; break;
            case 1: _acceptingNonce[31] ^= 0x80; break;
            case 2: _greeting[6] = (byte)WireRole.Admin; break;
            case 3: status = (byte)HandshakeStatus.RoleRefused; break;
            default: proof[0] ^= 1; break;
        }

        Assert.That(ChallengeResponse.Verify(Secret, ProofSide.Accepting, _greeting, _connectingNonce, _acceptingNonce, status, proof), Is.False);
    }

    [Test]
    public void Verify_ProofOfTheWrongLength_False()
    {
        var proof = Prove(Secret, ProofSide.Connecting);

        Assert.That(ChallengeResponse.Verify(Secret, ProofSide.Connecting, _greeting, _connectingNonce, _acceptingNonce, 0, proof.AsSpan(0, 16)), Is.False);
    }

    [Test]
    public void NewNonce_TwoNonces_Differ()
    {
        Assert.That(_connectingNonce, Is.Not.EqualTo(_acceptingNonce));
    }

    [Test]
    public void SystemSecret_ToString_NeverShowsTheSecret()
    {
        Assert.That(SystemSecret.FromText("hunter2-very-secret").ToString(), Does.Not.Contain("hunter2"));
    }

    private byte[] Prove(SystemSecret secret, ProofSide side)
    {
        var proof = new byte[ChallengeResponse.ProofLength];
        ChallengeResponse.Prove(secret, side, _greeting, _connectingNonce, _acceptingNonce, 0, proof);
        return proof;
    }
}
