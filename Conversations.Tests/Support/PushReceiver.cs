using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Conversations.Tests.Support;

/// <summary>
/// Plays a push service on a loopback port (none is reachable from here): records every push, checks its VAPID
/// signature (RFC 8292) and lets a test decrypt its payload (RFC 8291, aes128gcm) with a device's keys. Answers 201, or
/// what a test asks for one endpoint (410: the device is gone).
/// </summary>
public sealed class PushReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, HttpStatusCode> answers = [];
    private readonly List<ReceivedPush> received = [];

    private PushReceiver(int port)
    {
        Port = port;
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = ServeAsync();
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";

    public static PushReceiver Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new PushReceiver(port);
    }

    public IReadOnlyList<ReceivedPush> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    /// <summary>A new device: its own endpoint on this receiver and its own keys.</summary>
    public PushDevice NewDevice() => new($"{Origin}/push/{Guid.NewGuid():N}");

    public void Answer(PushDevice device, HttpStatusCode status)
    {
        lock (answers)
        {
            answers[new Uri(device.Endpoint).AbsolutePath] = status;
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception)
                when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var push = new ReceivedPush(
                context.Request.Url!.AbsolutePath,
                context.Request.Headers["Authorization"] ?? "",
                context.Request.Headers["Content-Encoding"] ?? "",
                context.Request.Headers["TTL"] ?? "",
                context.Request.Headers["Topic"],
                body.ToArray()
            );
            lock (received)
            {
                received.Add(push);
            }

            HttpStatusCode status;
            lock (answers)
            {
                status = answers.GetValueOrDefault(push.Path, HttpStatusCode.Created);
            }

            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
    }

    public ValueTask DisposeAsync()
    {
        listener.Close();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A device as a browser makes one: a P-256 key pair and an authentication secret.</summary>
public sealed class PushDevice(string endpoint)
{
    private readonly ECDiffieHellman key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public string Endpoint { get; } = endpoint;

    public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);

    public byte[] PublicKey
    {
        get
        {
            var q = key.ExportParameters(false).Q;
            return [0x04, .. q.X!, .. q.Y!];
        }
    }

    public string P256dh => WebEncoders.Base64UrlEncode(PublicKey);

    public string Auth => WebEncoders.Base64UrlEncode(AuthSecret);

    /// <summary>RFC 8291: the payload as this device's browser reads it.</summary>
    public string Decrypt(byte[] body)
    {
        // aes128gcm header (RFC 8188): salt (16), record size (4), key id length (1), key id (the sender's public key).
        var salt = body[..16];
        var idLength = body[20];
        var senderKey = body[21..(21 + idLength)];
        var ciphertext = body[(21 + idLength)..];

        using var sender = ECDiffieHellman.Create(
            new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..65] },
            }
        );
        var shared = key.DeriveRawSecretAgreement(sender.PublicKey);
        var keyInfo = Encoding.ASCII.GetBytes("WebPush: info\0").Concat(PublicKey).Concat(senderKey).ToArray();
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, AuthSecret, keyInfo);
        var contentKey = HKDF.DeriveKey(
            HashAlgorithmName.SHA256,
            ikm,
            16,
            salt,
            Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0")
        );
        var nonce = HKDF.DeriveKey(
            HashAlgorithmName.SHA256,
            ikm,
            12,
            salt,
            Encoding.ASCII.GetBytes("Content-Encoding: nonce\0")
        );

        using var aes = new AesGcm(contentKey, 16);
        var plain = new byte[ciphertext.Length - 16];
        aes.Decrypt(nonce, ciphertext[..^16], ciphertext[^16..], plain);
        var end = Array.LastIndexOf(plain, (byte)0x02); // the last record's delimiter, then padding
        return Encoding.UTF8.GetString(plain, 0, end);
    }
}

/// <summary>One push as the receiver got it.</summary>
public sealed record ReceivedPush(
    string Path,
    string Authorization,
    string ContentEncoding,
    string Ttl,
    string? Topic,
    byte[] Body
)
{
    /// <summary>
    /// RFC 8292: "vapid t=JWT, k=public key"; the JWT is signed ES256 with that key, for this receiver's origin, not
    /// expired, with a contact. Returns the key it was signed with.
    /// </summary>
    public string VerifiedVapidKey(string audience)
    {
        var parts = Authorization["vapid ".Length..]
            .Split(',', StringSplitOptions.TrimEntries)
            .ToDictionary(p => p[..p.IndexOf('=')], p => p[(p.IndexOf('=') + 1)..]);
        var jwt = parts["t"].Split('.');
        var publicKey = WebEncoders.Base64UrlDecode(parts["k"]);
        using var verifier = ECDsa.Create(
            new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..65] },
            }
        );
        verifier
            .VerifyData(
                Encoding.ASCII.GetBytes($"{jwt[0]}.{jwt[1]}"),
                WebEncoders.Base64UrlDecode(jwt[2]),
                HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation
            )
            .Should()
            .BeTrue("the push carries a valid VAPID signature");
        using var header = JsonDocument.Parse(WebEncoders.Base64UrlDecode(jwt[0]));
        header.RootElement.GetProperty("alg").GetString().Should().Be("ES256");
        using var claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(jwt[1]));
        claims.RootElement.GetProperty("aud").GetString().Should().Be(audience);
        DateTimeOffset
            .FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64())
            .Should()
            .BeAfter(DateTimeOffset.UtcNow);
        claims.RootElement.GetProperty("sub").GetString().Should().StartWith("mailto:");
        return parts["k"];
    }
}
