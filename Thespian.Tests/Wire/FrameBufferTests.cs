using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>
/// The receive buffer's large frames: read into an array of their own and handed over detached (kept by the receiver
/// without a copy), while smaller frames share the buffer.
/// </summary>
public sealed class FrameBufferTests
{
    private const int Max = 64 * 1024 * 1024;
    private const int Large = FrameBuffer.DetachedFrameBytes;

    /// <summary>Feeds <paramref name="bytes"/> the way a reader does (each read fills at most what it is offered).</summary>
    private static void Feed(FrameBuffer frames, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var space = frames.GetReadSpace().Span;
            var count = Math.Min(space.Length, bytes.Length);
            bytes[..count].CopyTo(space);
            frames.Advance(count);
            bytes = bytes[count..];
        }
    }

    private static (byte[] Payload, bool Detached) Take(FrameBuffer frames)
    {
        Assert.That(frames.TryTake(out var payload, out var detached), Is.True, "a whole frame");
        return (payload.ToArray(), detached);
    }

    [Test]
    public void TryTake_SmallFrame_NotDetached()
    {
        var frames = new FrameBuffer(Max);
        Feed(frames, WireBytes.Frame(WireBytes.Pattern(100, 1)));

        Assert.That(Take(frames), Is.EqualTo((WireBytes.Pattern(100, 1), false)));
    }

    [TestCase(Large)]
    [TestCase(Large + 1)]
    [TestCase(1024 * 1024)]
    public void TryTake_LargeFrame_Detached(int length)
    {
        var frames = new FrameBuffer(Max);
        Feed(frames, WireBytes.Frame(WireBytes.Pattern(length, 2)));

        Assert.That(Take(frames), Is.EqualTo((WireBytes.Pattern(length, 2), true)));
    }

    [Test]
    public void TryTake_DetachedPayload_StaysIntactWhileLaterFramesAreRead()
    {
        var big = WireBytes.Pattern(Large * 3, 3);
        var frames = new FrameBuffer(Max);
        Feed(frames, WireBytes.Frame(big));
        Assert.That(frames.TryTake(out var kept, out var detached), Is.True);
        Assert.That(detached, Is.True);

        for (var i = 0; i < 10; i++)
        {
            Feed(frames, WireBytes.Frames(WireBytes.Pattern(Large - 10, i), WireBytes.Pattern(Large * 2, i)));
            _ = Take(frames);
            _ = Take(frames);
        }

        Assert.That(kept.ToArray(), Is.EqualTo(big));
    }

    [Test]
    public void GetReadSpace_LargeFrame_OffersOnlyTheRestOfItsPayload()
    {
        var frames = new FrameBuffer(Max);
        var frame = WireBytes.Frame(WireBytes.Pattern(Large * 2, 4));
        Feed(frames, frame.AsSpan(0, 1000));

        Assert.That(frames.GetReadSpace().Length, Is.EqualTo(frame.Length - 1000));
    }

    [Test]
    public void TryTake_LargeFrameBetweenSmallOnesInOddChunks_EveryFrameIntactInOrder()
    {
        var payloads = new[] { WireBytes.Pattern(7, 1), WireBytes.Pattern(Large * 2 + 3, 2), WireBytes.Pattern(9, 3), WireBytes.Pattern(Large, 4) };
        var frames = new FrameBuffer(Max);
        var taken = new List<byte[]>();
        foreach (var chunk in WireBytes.Frames(payloads).Chunk(4099))
        {
            Feed(frames, chunk);
            while (frames.TryTake(out var payload, out _))
            {
                taken.Add(payload.ToArray());
            }
        }

        Assert.That(taken, Is.EqualTo(payloads));
    }

    [Test]
    public void Buffered_LargeFrameStarted_CountsItsHeaderAndWhatArrived()
    {
        var frames = new FrameBuffer(Max);
        Feed(frames, WireBytes.Frame(WireBytes.Pattern(Large * 2, 5)).AsSpan(0, 5000));

        Assert.That(frames.Buffered, Is.EqualTo(5000));
        Assert.That(frames.HasFrame, Is.False);
    }

    [Test]
    public void CheckClosedBetweenFrames_InTheMiddleOfALargeFrame_ThrowsTruncated()
    {
        var frames = new FrameBuffer(Max);
        Feed(frames, WireBytes.Frame(WireBytes.Pattern(Large * 2, 6)).AsSpan(0, 5000));

        var exception = Assert.Throws<WireProtocolException>(frames.CheckClosedBetweenFrames);

        Assert.That(exception!.Violation, Is.EqualTo(WireViolation.Truncated));
        Assert.That(exception.Message, Does.Contain("5000 bytes"));
    }

    [Test]
    public void GetReadSpace_LargeFrameAboveTheMaximum_NothingAllocatedTakeThrowsTooLarge()
    {
        var frames = new FrameBuffer(Large * 2);
        Feed(frames, WireBytes.Header(Large * 4));

        var exception = Assert.Throws<WireProtocolException>(() => frames.TryTake(out _, out _));

        Assert.That(exception!.Violation, Is.EqualTo(WireViolation.FrameTooLarge));
        Assert.That(frames.Buffered, Is.EqualTo(WireProtocol.FrameHeaderLength), "the header only: no room made for the payload");
    }
}
