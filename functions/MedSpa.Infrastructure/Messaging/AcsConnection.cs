namespace MedSpa.Infrastructure.Messaging;

/// <summary>
/// An Azure Communication Services resource: its endpoint and, from a connection string, its access key (the HMAC key
/// is the key's base64-decoded bytes). Without a key the app signs in with its managed identity instead.
/// </summary>
public sealed record AcsConnection(Uri Endpoint, byte[]? AccessKey)
{
    /// <summary><c>endpoint=https://…;accesskey=…</c>: keys in any case, split on the first '=', so the key's padding survives.</summary>
    public static AcsConnection Parse(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=');
            var (key, value) = equals < 0 ? (segment, "") : (segment[..equals].Trim(), segment[(equals + 1)..].Trim());
            if (value.Length == 0 || !parts.TryAdd(key, value))
            {
                throw new FormatException($"The ACS connection string's '{key}' is empty or given twice.");
            }
        }

        if (!parts.TryGetValue("endpoint", out var endpoint) || !Uri.TryCreate(endpoint.TrimEnd('/'), UriKind.Absolute, out var uri))
        {
            throw new FormatException("The ACS connection string has no endpoint=https://….");
        }

        return new AcsConnection(uri, parts.TryGetValue("accesskey", out var accessKey) ? Convert.FromBase64String(accessKey) : null);
    }

    /// <summary>An endpoint URL for a path (the endpoint's own trailing slash trimmed, so the signed path never starts with //).</summary>
    public Uri Url(string pathAndQuery) => new($"{Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/')}{pathAndQuery}");
}
