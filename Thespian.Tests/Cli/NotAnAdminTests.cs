using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Thespian.Tests.Cli;

/// <summary>Something that is not a Thespian admin on the port: exit code 3 and one clear line, for every verb.</summary>
public sealed class NotAnAdminTests
{
    private TcpListener _listener = null!;
    private CancellationTokenSource _stop = null!;
    private Task _serving = null!;
    private int _port;

    [SetUp]
    public void StartHttpLikeServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _stop = new CancellationTokenSource();
        _serving = ServeAsync(_listener, _stop.Token);
    }

    [TearDown]
    public void StopServer()
    {
        _stop.Cancel();
        _listener.Stop();
        Assert.That(Task.WhenAny(_serving, Task.Delay(TimeSpan.FromSeconds(10))).Result, Is.SameAs(_serving), "the test server did not stop");
        _listener.Dispose();
        _stop.Dispose();
    }

    private static async Task ServeAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var answer = Encoding.ASCII.GetBytes("HTTP/1.1 400\r\n\r\n");
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await client.SendAsync(answer, SocketFlags.None, cancellationToken);
                    client.Shutdown(SocketShutdown.Both);
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    // The probe hung up first.
                }
            }
        }
    }

    [TestCase("start")]
    [TestCase("status")]
    [TestCase("stop")]
    [TestCase("unload", "4287506d1ec86140674a1ef7296496815a8ddb72b56dd518a8243c87070c9806")]
    public void Verb_SomethingElseOnThePort_ExitsThreeWithOneClearLine(string verb, params string[] args)
    {
        var result = CliRunner.Run([verb, "--port", _port.ToString(), .. args]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.StdErr, Does.Contain($"not a Thespian admin is listening on port {_port}"));
        }
    }
}
