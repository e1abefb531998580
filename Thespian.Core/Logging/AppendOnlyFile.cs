using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Thespian.Runtime;

/// <summary>
/// Opens a log file for appending that several processes share safely: on Linux with <c>O_APPEND</c>, so
/// every write lands at the current end of the file whoever else wrote meanwhile (.NET's
/// <c>FileMode.Append</c> only seeks to the end once, at open, and processes then overwrite each other).
/// </summary>
internal static partial class AppendOnlyFile
{
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Append = 0x400;
    private const int CloseOnExec = 0x80000;
    private const int ReadWriteForOwnerReadForOthers = 0x1A4; // 0644

    public static FileStream Open(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var descriptor = OpenNative(path, WriteOnly | Create | Append | CloseOnExec, ReadWriteForOwnerReadForOthers);
            if (descriptor >= 0)
            {
                return new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Write, bufferSize: 0);
            }
        }

        return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenNative(string path, int flags, int mode);
}
