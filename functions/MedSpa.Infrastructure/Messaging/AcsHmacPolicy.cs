using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MedSpa.Infrastructure.Messaging;

/// <summary>
/// Signs each attempt of a request as ACS requires (HMAC-SHA256 over the verb, path and query, date, host and the body's
/// SHA-256, with the resource's access key). A per-retry policy: every retry gets a fresh date and signature.
/// </summary>
public sealed class AcsHmacPolicy(byte[] accessKey, TimeProvider clock) : HttpPipelinePolicy
{
    public const string EmptyBodyHash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Sign(message.Request, await BodyAsync(message.Request, message.CancellationToken));
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Sign(message.Request, BodyAsync(message.Request, message.CancellationToken).AsTask().GetAwaiter().GetResult());
        ProcessNext(message, pipeline);
    }

    private void Sign(Request request, byte[] body)
    {
        var uri = request.Uri.ToUri();
        var date = clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var hash = Convert.ToBase64String(SHA256.HashData(body));
        request.Headers.SetValue("x-ms-date", date);
        request.Headers.SetValue("x-ms-content-sha256", hash);
        request.Headers.SetValue("Authorization",
            $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={Signature(accessKey, request.Method.Method, uri.PathAndQuery, date, uri.Authority, hash)}");
    }

    /// <summary>base64(HMAC-SHA256(key, "VERB\npath?query\ndate;host;content-hash")).</summary>
    public static string Signature(byte[] key, string verb, string pathAndQuery, string date, string host, string contentHash) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{verb.ToUpperInvariant()}\n{pathAndQuery}\n{date};{host};{contentHash}")));

    private static async ValueTask<byte[]> BodyAsync(Request request, CancellationToken ct)
    {
        if (request.Content is null)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        await request.Content.WriteToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
