using Thespian.Wire;

namespace Thespian.Tests.Wire;

public sealed class FrameReaderTests
{
    private const int Max = 4 * 1024 * 1024;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    private static async Task<List<byte[]>> ReadAllAsync(FrameReader reader)
    {
        var frames = new List<byte[]>();
        while (await reader.ReadFrameAsync() is { } payload)
        {
            frames.Add(payload.ToArray());
        }

        return frames;
    }

    private static IEnumerable<byte[]> Split(byte[] bytes, int chunkSize) => bytes.Chunk(chunkSize);

    [Test]
    public void Constructor_NullStream_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => _ = new FrameReader(null!, Max, Generous));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Constructor_MaximumNotPositive_Throws(int maxFrameBytes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FrameReader(new ChunkedStream(), maxFrameBytes, Generous));
    }

    [Test]
    public async Task ReadFrameAsync_ManyFramesInOneChunk_ReturnsThemOneByOneFromOneRead()
    {
        var payloads = Enumerable.Range(0, 100).Select(i => WireBytes.Pattern(i % 17, i)).ToArray();
        var stream = new ChunkedStream(WireBytes.Frames(payloads));
        var reader = new FrameReader(stream, Max, Generous);

        var frames = new List<byte[]>();
        for (var i = 0; i < payloads.Length; i++)
        {
            frames.Add((await reader.ReadFrameAsync())!.Value.ToArray());
        }

        Assert.That(frames, Is.EqualTo(payloads));
        Assert.That(stream.ReadCount, Is.EqualTo(1));
        Assert.That(await reader.ReadFrameAsync(), Is.Null);
    }

    [Test]
    public async Task ReadFrameAsync_FrameSplitIntoOneByteChunks_IsReassembled()
    {
        var payloads = new[] { WireBytes.Pattern(9, 1), WireBytes.Pattern(0), WireBytes.Pattern(5, 2) };
        var stream = new ChunkedStream(WireBytes.OneByteChunks(WireBytes.Frames(payloads)));
        var reader = new FrameReader(stream, Max, Generous);

        var frames = await ReadAllAsync(reader);

        Assert.That(frames, Is.EqualTo(payloads));
        Assert.That(stream.ReadCount, Is.EqualTo(4 + 9 + 4 + 4 + 5 + 1), "one read per byte, then end of stream");
    }

    [Test]
    public async Task ReadFrameAsync_PayloadLargerThanTheInitialBufferInOneChunk_IsReadWholeThenSmallFramesAfterIt()
    {
        var big = WireBytes.Pattern(1024 * 1024, 7);
        var small1 = WireBytes.Pattern(10, 1);
        var small2 = WireBytes.Pattern(20, 2);
        var stream = new ChunkedStream(WireBytes.Frames(small1, big, small1, small2));
        var reader = new FrameReader(stream, Max, Generous);

        var frames = await ReadAllAsync(reader);

        Assert.That(frames, Has.Count.EqualTo(4));
        Assert.That(frames[0], Is.EqualTo(small1));
        Assert.That(frames[1], Is.EqualTo(big));
        Assert.That(frames[2], Is.EqualTo(small1));
        Assert.That(frames[3], Is.EqualTo(small2));
    }

    [Test]
    public async Task ReadFrameAsync_PayloadLargerThanTheInitialBufferInOddChunks_IsReadWholeThenSmallFramesAfterIt()
    {
        var big = WireBytes.Pattern(1024 * 1024, 3);
        var payloads = new[] { big, WireBytes.Pattern(33, 4), WireBytes.Pattern(70_000, 5), WireBytes.Pattern(1, 6) };
        var stream = new ChunkedStream(Split(WireBytes.Frames(payloads), 10_007));
        var reader = new FrameReader(stream, Max, Generous);

        var frames = await ReadAllAsync(reader);

        Assert.That(frames, Is.EqualTo(payloads));
    }

    [Test]
    public async Task ReadFrameAsync_BurstLargerThanTheBuffer_ReturnsEveryFrameIntact()
    {
        var payloads = Enumerable.Range(0, 300).Select(i => WireBytes.Pattern(997 + (i % 5), i)).ToArray();
        var stream = new ChunkedStream(WireBytes.Frames(payloads));
        var reader = new FrameReader(stream, Max, Generous);

        var frames = await ReadAllAsync(reader);

        Assert.That(frames, Is.EqualTo(payloads));
    }

    [Test]
    public async Task ReadFrameAsync_PayloadOfEveryByteValue_ReturnsExactlyTheBytesWritten()
    {
        var payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var reader = new FrameReader(new ChunkedStream(WireBytes.Frame(payload)), Max, Generous);

        var frame = await reader.ReadFrameAsync();

        Assert.That(frame, Is.Not.Null);
        Assert.That(frame!.Value.Length, Is.EqualTo(256));
        Assert.That(frame.Value.ToArray(), Is.EqualTo(payload));
    }

    [Test]
    public async Task ReadFrameAsync_ZeroLengthFrame_ReturnsAnEmptyPayloadNotNull()
    {
        var reader = new FrameReader(new ChunkedStream(WireBytes.Header(0)), Max, Generous);

        var frame = await reader.ReadFrameAsync();

        Assert.That(frame, Is.Not.Null);
        Assert.That(frame!.Value.Length, Is.Zero);
        Assert.That(await reader.ReadFrameAsync(), Is.Null);
    }

    [Test]
    public async Task ReadFrameAsync_FrameOfExactlyTheMaximum_IsReturned()
    {
        var payload = WireBytes.Pattern(1000, 9);
        var reader = new FrameReader(new ChunkedStream(WireBytes.Frame(payload)), 1000, Generous);

        var frame = await reader.ReadFrameAsync();

        Assert.That(frame!.Value.ToArray(), Is.EqualTo(payload));
    }

    [Test]
    public async Task ReadFrameAsync_EmptyStream_ReturnsNull()
    {
        var reader = new FrameReader(new ChunkedStream(), Max, Generous);

        Assert.That(await reader.ReadFrameAsync(), Is.Null);
    }

    [Test]
    public async Task ReadFrameAsync_CleanEndOfStreamBetweenFrames_ReturnsNull()
    {
        var first = WireBytes.Pattern(12, 1);
        var reader = new FrameReader(new ChunkedStream(WireBytes.Frame(first)), Max, Generous);

        var frame = await reader.ReadFrameAsync();
        var end = await reader.ReadFrameAsync();

        Assert.That(frame!.Value.ToArray(), Is.EqualTo(first));
        Assert.That(end, Is.Null);
    }

    [TestCase(1)]
    [TestCase(3)]
    public void ReadFrameAsync_EndOfStreamInTheHeader_ThrowsTruncated(int headerBytes)
    {
        var reader = new FrameReader(new ChunkedStream(WireBytes.Header(10)[..headerBytes]), Max, Generous);

        var exception = Assert.ThrowsAsync<WireProtocolException>(async () => await reader.ReadFrameAsync());

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.Truncated));
        Assert.That(exception.Message, Does.Contain($"{headerBytes} bytes"));
    }

    [Test]
    public void ReadFrameAsync_EndOfStreamInThePayload_ThrowsTruncated()
    {
        var partial = WireBytes.Frame(WireBytes.Pattern(10))[..9];
        var reader = new FrameReader(new ChunkedStream(Split(partial, 2)), Max, Generous);

        var exception = Assert.ThrowsAsync<WireProtocolException>(async () => await reader.ReadFrameAsync());

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.Truncated));
        Assert.That(exception.Message, Does.Contain("9 bytes"));
    }

    [Test]
    public async Task ReadFrameAsync_EndOfStreamInTheSecondFrame_ReturnsTheFirstThenThrowsTruncated()
    {
        var first = WireBytes.Pattern(6, 1);
        byte[] bytes = [.. WireBytes.Frame(first), .. WireBytes.Frame(WireBytes.Pattern(6, 2))[..5]];
        var reader = new FrameReader(new ChunkedStream(bytes), Max, Generous);

        var frame = await reader.ReadFrameAsync();
        var exception = Assert.ThrowsAsync<WireProtocolException>(async () => await reader.ReadFrameAsync());

        Assert.That(frame!.Value.ToArray(), Is.EqualTo(first));
        Assert.That(exception.Violation, Is.EqualTo(WireViolation.Truncated));
    }

    [Test]
    public void ReadFrameAsync_LengthAboveTheMaximum_ThrowsFrameTooLargeWithoutReadingThePayload()
    {
        const int max = 1000;
        var stream = new ChunkedStream(WireBytes.Header(max + 1), WireBytes.Pattern(max + 1));
        var reader = new FrameReader(stream, max, Generous);

        var exception = Assert.ThrowsAsync<WireProtocolException>(async () => await reader.ReadFrameAsync());

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.FrameTooLarge));
        Assert.That(exception.Message, Does.Contain("1001").And.Contain("1000").And.Contain("Max Message Size"));
        Assert.That(stream.ReadCount, Is.EqualTo(1));
        Assert.That(stream.BytesDelivered, Is.EqualTo(4));
        Assert.That(stream.HasUnreadData, Is.True);
    }

    [Test]
    public void ReadFrameAsync_HugeAnnouncedLength_ThrowsFrameTooLargeWithoutReadingFurther()
    {
        var stream = new ChunkedStream(WireBytes.Header(int.MaxValue), WireBytes.Pattern(100));
        var reader = new FrameReader(stream, Max, Generous);

        var exception = Assert.ThrowsAsync<WireProtocolException>(async () => await reader.ReadFrameAsync());

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.FrameTooLarge));
        Assert.That(stream.BytesDelivered, Is.EqualTo(4));
    }

    [Test]
    public void ReadFrameAsync_NegativeLength_ThrowsFrameTooLarge()
    {
        var stream = new ChunkedStream(WireBytes.Header(-1), WireBytes.Pattern(100));
        var reader = new FrameReader(stream, Max, Generous);

        var exception = Assert.ThrowsAsync<WireProtocolException>(async () => await reader.ReadFrameAsync());

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.FrameTooLarge));
        Assert.That(stream.BytesDelivered, Is.EqualTo(4));
    }

    [Test]
    public void ReadFrameAsync_PartOfTheHeaderThenNothing_ThrowsDeadlineExceeded()
    {
        var stream = new StallingStream(WireBytes.Header(10)[..2]);
        var reader = new FrameReader(stream, Max, Short);

        var exception = Assert.ThrowsAsync<WireProtocolException>(async () => await reader.ReadFrameAsync());

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.DeadlineExceeded));
        Assert.That(stream.CancelledReads, Is.EqualTo(1));
    }

    [Test]
    public void ReadFrameAsync_PartOfThePayloadThenNothing_ThrowsDeadlineExceeded()
    {
        var stream = new StallingStream(WireBytes.Frame(WireBytes.Pattern(100))[..50]);
        var reader = new FrameReader(stream, Max, Short);

        var exception = Assert.ThrowsAsync<WireProtocolException>(async () => await reader.ReadFrameAsync());

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.DeadlineExceeded));
        Assert.That(exception.Message, Does.Contain("0.2 s"));
    }

    [Test]
    public void ReadFrameAsync_IdleConnection_IsNotSubjectToTheDeadline()
    {
        var stream = new StallingStream([]);
        var reader = new FrameReader(stream, Max, TimeSpan.FromMilliseconds(50));
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(500));

        var exception = Assert.CatchAsync(async () => await reader.ReadFrameAsync(cancellation.Token));

        Assert.That(exception, Is.InstanceOf<OperationCanceledException>());
        Assert.That(stream.CancelledReads, Is.EqualTo(1));
    }

    [Test]
    public async Task ReadFrameAsync_IdleAfterAWholeFrame_IsNotSubjectToTheDeadline()
    {
        var payload = WireBytes.Pattern(8);
        var stream = new StallingStream(WireBytes.Frame(payload));
        var reader = new FrameReader(stream, Max, TimeSpan.FromMilliseconds(50));
        using var cancellation = new CancellationTokenSource();

        var frame = await reader.ReadFrameAsync(cancellation.Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(500));
        var exception = Assert.CatchAsync(async () => await reader.ReadFrameAsync(cancellation.Token));

        Assert.That(frame!.Value.ToArray(), Is.EqualTo(payload));
        Assert.That(exception, Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ReadFrameAsync_CallerCancelsAStartedFrame_ThrowsOperationCanceledNotDeadlineExceeded()
    {
        var stream = new StallingStream(WireBytes.Header(10));
        var reader = new FrameReader(stream, Max, Generous);
        using var cancellation = new CancellationTokenSource();

        var read = reader.ReadFrameAsync(cancellation.Token).AsTask();
        await stream.Stalled;
        await cancellation.CancelAsync();
        var exception = Assert.CatchAsync(async () => await read);

        Assert.That(exception, Is.InstanceOf<OperationCanceledException>());
    }
}
