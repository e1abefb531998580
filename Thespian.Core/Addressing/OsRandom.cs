using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Thespian;

/// <summary>
/// Cryptographically secure random bytes from the operating system. On Linux and macOS they are read
/// from the kernel's generator (<c>/dev/urandom</c>); elsewhere, or when that device cannot be opened, they
/// come from <see cref="RandomNumberGenerator"/>.
/// </summary>
/// <remarks>
/// On Linux <see cref="RandomNumberGenerator"/> is OpenSSL's: its first use loads and initialises
/// libcrypto, 1.5–2.5 MiB of PSS (1 MiB of it private) in every process. Each actor runs in its own
/// process and needs random bytes only for addresses, so reading the kernel's generator directly keeps
/// OpenSSL out of the processes that never verify or sign anything.
/// </remarks>
internal static class OsRandom
{
    private static readonly SafeFileHandle? s_device = OpenDevice();

    /// <summary>Fills <paramref name="buffer"/> with random bytes; safe to call from many threads at once.</summary>
    public static void Fill(Span<byte> buffer)
    {
        if (s_device is null)
        {
            FillFromRandomNumberGenerator(buffer);
            return;
        }

        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(s_device, buffer, fileOffset: 0);
            if (read <= 0)
            {
                throw new IOException("The operating system's random device (/dev/urandom) returned no bytes.");
            }

            buffer = buffer[read..];
        }
    }

    private static SafeFileHandle? OpenDevice()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return null;
        }

        try
        {
            return File.OpenHandle("/dev/urandom", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Kept apart so that the cryptography assembly loads only when this fallback runs.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FillFromRandomNumberGenerator(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
