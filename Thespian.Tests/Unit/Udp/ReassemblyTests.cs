using Thespian.Bases.MultiprocUdp;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Udp;

/// <summary>
/// Putting a large envelope together: fragments must follow each other exactly (no overlap, no gap, same total, nothing
/// in between); memory comes from a shared budget, reserved before the first fragment and given back at the end.
/// </summary>
public sealed class ReassemblyTests
{
    private const int Max = 1_000_000;

    private static DataChunk Fragment(int total, int offset, int length) => new(ChunkKind.Fragment, 0, length, total, offset);

    private static DataChunk Whole(int length) => new(ChunkKind.Whole, 0, length, length, 0);

    [Test]
    public void Follow_FragmentsInSequence_EndAtTheLast()
    {
        var cursor = Reassembly.Follow(default, Fragment(300, 0, 100), Max, out var starts);
        Assert.That(starts, Is.True);
        cursor = Reassembly.Follow(cursor, Fragment(300, 100, 100), Max, out starts);
        Assert.That(starts, Is.False);
        Assert.That(cursor, Is.EqualTo(new ReassemblyCursor(true, 300, 200)));
        cursor = Reassembly.Follow(cursor, Fragment(300, 200, 100), Max, out _);
        Assert.That(cursor.InProgress, Is.False);
    }

    [Test]
    public void Follow_SingleFragmentEnvelope_NeedsNoReassembly()
    {
        var cursor = Reassembly.Follow(default, Fragment(100, 0, 100), Max, out var starts);

        Assert.That((cursor.InProgress, starts), Is.EqualTo((false, false)));
    }

    [TestCase(50, 300, "does not continue")]
    [TestCase(150, 300, "does not continue")]
    [TestCase(100, 400, "does not continue")]
    public void Follow_OverlappingGappedOrForeignFragment_IsAViolation(int offset, int total, string expected)
    {
        var cursor = Reassembly.Follow(default, Fragment(300, 0, 100), Max, out _);

        var ex = Assert.Throws<WireProtocolException>(() => Reassembly.Follow(cursor, Fragment(total, offset, 50), Max, out _));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void Follow_WholeOrNewStartInTheMiddle_IsAViolation()
    {
        var cursor = Reassembly.Follow(default, Fragment(300, 0, 100), Max, out _);

        Assert.That(() => Reassembly.Follow(cursor, Whole(10), Max, out _), Throws.TypeOf<WireProtocolException>());
        Assert.That(() => Reassembly.Follow(cursor, Fragment(300, 0, 100), Max, out _), Throws.TypeOf<WireProtocolException>());
    }

    [Test]
    public void Follow_ContinuationWithNothingStarted_IsAViolation()
    {
        Assert.That(() => Reassembly.Follow(default, Fragment(300, 100, 100), Max, out _), Throws.TypeOf<WireProtocolException>());
    }

    [Test]
    public void Follow_EnvelopeOverTheMaximum_IsAViolationNamingTheCapability()
    {
        var ex = Assert.Throws<WireProtocolException>(() => Reassembly.Follow(default, Fragment(Max + 1, 0, 100), Max, out _));

        Assert.That(ex!.Violation, Is.EqualTo(WireViolation.FrameTooLarge));
        Assert.That(ex.Message, Does.Contain("Max Message Size"));
    }

    [Test]
    public void Append_AllFragments_GivesTheEnvelopeAndReleasesTheBudget()
    {
        var budget = new MemoryBudget(1000);
        var reassembly = new Reassembly(budget);
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

        Assert.That(reassembly.TryReserve(300), Is.True);
        Assert.That(budget.Used, Is.EqualTo(300));
        Assert.That(reassembly.Append(Fragment(300, 0, 100), bytes.AsSpan(0, 100)), Is.Null);
        Assert.That(reassembly.Append(Fragment(300, 100, 150), bytes.AsSpan(100, 150)), Is.Null);
        var whole = reassembly.Append(Fragment(300, 250, 50), bytes.AsSpan(250, 50));

        Assert.That(whole, Is.EqualTo(bytes));
        Assert.That(budget.Used, Is.Zero);
        Assert.That(reassembly.Cursor.InProgress, Is.False);
    }

    [Test]
    public void TryReserve_BeyondTheBudget_IsRefusedAndNothingIsHeld()
    {
        var budget = new MemoryBudget(500);
        var first = new Reassembly(budget);
        var second = new Reassembly(budget);

        Assert.That(first.TryReserve(400), Is.True);
        Assert.That(second.TryReserve(200), Is.False);
        Assert.That(budget.Used, Is.EqualTo(400));
    }

    [Test]
    public void Clear_InTheMiddle_GivesTheMemoryBack()
    {
        var budget = new MemoryBudget(1000);
        var reassembly = new Reassembly(budget);
        reassembly.TryReserve(300);
        reassembly.Append(Fragment(300, 0, 100), new byte[100]);

        reassembly.Clear();

        Assert.That(budget.Used, Is.Zero);
        Assert.That(reassembly.Cursor.InProgress, Is.False);
    }

    [Test]
    public void Append_FirstFragmentWithoutReservation_IsABug()
    {
        var reassembly = new Reassembly(new MemoryBudget(1000));

        Assert.That(() => reassembly.Append(Fragment(300, 0, 100), new byte[100]), Throws.InvalidOperationException);
    }
}
