using System.ComponentModel;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Thespian.Wire;
using Thespian.Wire.Tls;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// TLS over a connection's socket (an <see cref="SslStream"/> over a <see cref="NetworkStream"/>), for systems with
/// "Thespian TLS Certificate": it runs before the Thespian handshake, so the secret's challenge–response, every frame and
/// every acknowledgement travel inside it. Both sides present the system's certificate and check the peer's
/// (<see cref="TlsCredentials.Trusts"/>). Failures say what was wrong and what to set; errors of the socket under the TLS
/// stream surface as the <see cref="SocketException"/> the plain connection would throw, others as <see cref="IOException"/>.
/// </summary>
internal sealed class TlsConnectionStream : ConnectionStream
{
    private static readonly SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    private readonly SslStream _ssl;
    private readonly string? _connectedTo;
    private readonly X509Certificate2 _certificate;
    private bool _received;

    private TlsConnectionStream(Socket socket, SslStream ssl, TlsCredentials tls, string? connectedTo)
        : base(socket)
    {
        _ssl = ssl;
        _certificate = tls.Certificate;
        _connectedTo = connectedTo;
    }

    /// <inheritdoc />
    public override bool MayPollSocket => false;

    /// <summary>The client side: TLS with <paramref name="endpoint"/> within <paramref name="deadline"/>.</summary>
    /// <exception cref="WireProtocolException">The handshake failed: the peer runs no TLS, is not trusted, or took too long.</exception>
    public static TlsConnectionStream Connect(Socket socket, TlsCredentials tls, string endpoint, TimeSpan deadline) =>
        Authenticate(socket, tls, endpoint, deadline,
            (ssl, trusts) => ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
            {
                // Peers are addressed by IP address and trusted by the system's own settings; the name only fills the SNI field.
                TargetHost = "thespian",
                ClientCertificateContext = tls.CertificateContext,
                RemoteCertificateValidationCallback = trusts,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                EnabledSslProtocols = Protocols,
            }),
            refusal => $"The Thespian endpoint {endpoint} is not trusted over TLS: {refusal}.",
            ex => $"The TLS handshake with {endpoint} failed ({ex.Message}): its system runs no TLS, it is not a Thespian endpoint, " +
                  $"or it does not trust this process's certificate; {TlsSettings.WhatToSet}.");

    /// <summary>
    /// The server side, within <paramref name="deadline"/>. A peer that begins with a plain Thespian greeting is answered
    /// that TLS is required (so it fails at once, saying so) and refused.
    /// </summary>
    /// <exception cref="WireProtocolException">The peer runs no TLS, is not trusted, or took too long.</exception>
    public static TlsConnectionStream Accept(Socket socket, TlsCredentials tls, TimeSpan deadline)
    {
        RefusePlainGreeting(socket, deadline);
        return Authenticate(socket, tls, connectedTo: null, deadline,
            (ssl, trusts) => ssl.AuthenticateAsServer(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = tls.CertificateContext,
                ClientCertificateRequired = true,
                AllowTlsResume = false, // connections are long-lived and never resumed: no session tickets
                RemoteCertificateValidationCallback = trusts,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                EnabledSslProtocols = Protocols,
            }),
            refusal => $"A peer was refused over TLS before anything it sent was read: {refusal}.",
            ex => $"A peer's TLS handshake failed ({ex.Message}); nothing it sent was read. If it is a process of this system, it " +
                  $"may not trust this system's certificate: {TlsSettings.WhatToSet}.");
    }

    /// <inheritdoc />
    public override int Receive(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _ssl.Read(buffer);
        }
        catch (Exception ex) when (IsTlsFailure(ex))
        {
            throw Translate(ex);
        }

        if (read == 0 && !_received && _connectedTo is not null)
        {
            throw RefusedAfterHandshake(null);
        }

        _received = true;
        return read;
    }

    /// <inheritdoc />
    public override void Send(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ssl.Write(bytes);
        }
        catch (Exception ex) when (IsTlsFailure(ex))
        {
            throw Translate(ex);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The socket first: a thread blocked on it wakes before the TLS state goes away.
            Socket.Dispose();
            _ssl.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// With TLS 1.3 the client's handshake ends before the server has checked the client's certificate: a refusal then
    /// shows as the connection closing (or an alert) at the first read. Said so, instead of "the peer closed".
    /// </summary>
    private WireProtocolException RefusedAfterHandshake(Exception? inner) => new(WireViolation.AuthenticationFailed,
        $"The Thespian endpoint {_connectedTo} closed the TLS connection before answering: it does not trust this process's " +
        $"certificate {TlsCredentials.Describe(_certificate)}, " +
        $"or it is not a Thespian endpoint ({TlsSettings.WhatToSet}).{(inner is null ? string.Empty : $" ({inner.Message})")}");

    /// <summary>The exception the plain connection would throw: the socket's own, or an <see cref="IOException"/>.</summary>
    private Exception Translate(Exception ex)
    {
        if (ex.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock } timedOut)
        {
            ExceptionDispatchInfo.Throw(timedOut);
        }

        if (!_received && _connectedTo is not null)
        {
            return RefusedAfterHandshake(ex);
        }

        if (ex.InnerException is SocketException socketError)
        {
            ExceptionDispatchInfo.Throw(socketError);
        }

        return ex as IOException ?? new IOException(ex.Message, ex);
    }

    /// <summary>
    /// One side's TLS handshake over a new TLS stream on the socket, within <paramref name="deadline"/>, with
    /// <see cref="TlsCredentials.Trusts"/> deciding on the peer's certificate; a failure is said in the side's own words
    /// (<paramref name="refused"/> when the certificate was the reason, else <paramref name="failed"/>).
    /// </summary>
    private static TlsConnectionStream Authenticate(Socket socket, TlsCredentials tls, string? connectedTo, TimeSpan deadline,
                                                    Action<SslStream, RemoteCertificateValidationCallback> handshake,
                                                    Func<string, string> refused, Func<Exception, string> failed)
    {
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        string? refusal = null;
        try
        {
            WithinDeadline(socket, deadline, () => handshake(ssl, (_, certificate, _, _) => tls.Trusts(certificate, out refusal)));
            return new TlsConnectionStream(socket, ssl, tls, connectedTo);
        }
        catch (Exception ex) when (IsTlsFailure(ex))
        {
            ssl.Dispose();
            throw refusal is not null
                ? new WireProtocolException(WireViolation.AuthenticationFailed, refused(refusal))
                : Failed(ex, deadline, failed(ex));
        }
    }

    /// <summary>
    /// What TLS over a socket may throw besides <see cref="ObjectDisposedException"/> (the connection was closed under it,
    /// which every caller handles): the socket's errors wrapped, refusals, and the platform's TLS library's errors — each
    /// turned into what callers handle, since an exception they do not would end the process.
    /// </summary>
    private static bool IsTlsFailure(Exception ex) =>
        ex is IOException or AuthenticationException or CryptographicException or Win32Exception or InvalidOperationException or
              NotSupportedException && ex is not ObjectDisposedException;

    private static WireProtocolException Failed(Exception ex, TimeSpan deadline, string message) =>
        ex.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock }
            ? new WireProtocolException(WireViolation.DeadlineExceeded,
                $"The TLS handshake did not finish within {deadline.TotalSeconds:0.#} s: the peer is not a Thespian endpoint with TLS, or is stuck.")
            : new WireProtocolException(WireViolation.AuthenticationFailed, message);

    /// <summary>
    /// Looks at the peer's first byte without taking it: a TLS handshake record goes on; a plain Thespian greeting is
    /// read and answered <see cref="HandshakeStatus.TlsRequired"/>, then refused; anything else is refused as not Thespian.
    /// </summary>
    private static void RefusePlainGreeting(Socket socket, TimeSpan deadline)
    {
        Span<byte> first = stackalloc byte[1];
        int peeked;
        try
        {
            socket.ReceiveTimeout = Milliseconds(deadline);
            peeked = socket.Receive(first, SocketFlags.Peek);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            throw new WireProtocolException(WireViolation.DeadlineExceeded,
                $"A TLS handshake did not arrive within {deadline.TotalSeconds:0.#} s: the peer is not a Thespian endpoint, or is stuck.");
        }

        if (peeked == 0)
        {
            throw new WireProtocolException(WireViolation.BadHandshake,
                "The connection closed before a TLS handshake arrived: the peer is not a Thespian endpoint.");
        }

        if (first[0] == WireProtocol.Magic[0])
        {
            var plain = new PlainConnectionStream(socket);
            var greeting = new byte[WireProtocol.HandshakeLength];
            BlockingHandshake.ReceiveExactly(plain, greeting, deadline, "a Thespian handshake");
            Handshake.WriteReply(greeting, HandshakeStatus.TlsRequired);
            plain.Send(greeting);
            throw new WireProtocolException(WireViolation.AuthenticationFailed,
                $"A peer connected without TLS, but this system runs TLS on every connection; refused before reading anything it sent ({TlsSettings.WhatToSet}).");
        }

        if (first[0] != 0x16)
        {
            throw new WireProtocolException(WireViolation.BadHandshake,
                "The peer's first bytes are neither a TLS handshake nor a Thespian greeting: something else is talking on this port.");
        }
    }

    private static void WithinDeadline(Socket socket, TimeSpan deadline, Action handshake)
    {
        socket.ReceiveTimeout = Milliseconds(deadline);
        socket.SendTimeout = Milliseconds(deadline);
        handshake();
        socket.ReceiveTimeout = 0;
        socket.SendTimeout = 0;
    }

    private static int Milliseconds(TimeSpan deadline) => (int)Math.Clamp(deadline.TotalMilliseconds, 1, int.MaxValue);
}
