using System.Runtime.InteropServices;

namespace Thespian.Admin.Hosting;

/// <summary>poll(2) for readability of file descriptors (Linux and other Unix systems).</summary>
internal static partial class DescriptorPoll
{
    private const short ReadableEvents = 0x001; // POLLIN
    private const short InvalidDescriptor = 0x020; // POLLNVAL

    /// <summary>The descriptors among <paramref name="descriptors"/> that are readable, waiting up to <paramref name="timeoutMilliseconds"/>.</summary>
    /// <remarks>Invalid or closed descriptors are ignored, as the guide says (§5.2.1).</remarks>
    public static int[] Readable(IReadOnlyList<int> descriptors, int timeoutMilliseconds)
    {
        var entries = new PollEntry[descriptors.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new PollEntry { Descriptor = descriptors[i], Events = ReadableEvents };
        }

        var ready = Poll(entries, (nuint)entries.Length, timeoutMilliseconds);
        if (ready <= 0)
        {
            return [];
        }

        return entries.Where(e => (e.ReturnedEvents & ReadableEvents) != 0 && (e.ReturnedEvents & InvalidDescriptor) == 0)
                      .Select(e => e.Descriptor)
                      .ToArray();
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll([In, Out] PollEntry[] entries, nuint count, int timeoutMilliseconds);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollEntry
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }
}
