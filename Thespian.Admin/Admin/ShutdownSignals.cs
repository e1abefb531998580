using System.Runtime.InteropServices;

namespace Thespian.Admin.Admin;

/// <summary>
/// SIGINT and SIGTERM as a cancellation token, for an admin started by Thespian (<c>admin-run</c>): a signal shuts
/// the system down the way <c>thespian-admin stop</c> does (actors get their exit request, hosts end, then the
/// admin exits) instead of ending the admin at once.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _signalled = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled on the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _signalled.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _signalled.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The admin leaves by itself once the system is down; the runtime must not end the process now.
        context.Cancel = true;
        _signalled.Cancel();
    }
}
