using System.Globalization;

namespace MedSpa.Fakes.Stripe;

/// <summary>Who is calling: the server with the secret key, or a browser with the publishable key (Stripe.js's part).</summary>
public enum StripeCaller
{
    Server,
    Browser,
}

/// <summary>
/// One API call as the fake sees it: the form body (or query string) flattened the way Stripe's form encoding writes it
/// (<c>metadata[booking]=…</c>, <c>expand[0]=…</c>), brackets decoded whether or not they were percent-encoded.
/// </summary>
public sealed record StripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, StripeCaller Caller, string? IdempotencyKey)
{
    public string? this[string name] => Form.TryGetValue(name, out var value) ? value : null;

    /// <summary>The entries under <paramref name="parent"/> (<c>metadata[x]</c> → x), in the order they came.</summary>
    public IEnumerable<KeyValuePair<string, string>> Under(string parent) =>
        Form.Where(p => p.Key.StartsWith(parent + "[", StringComparison.Ordinal) && p.Key.EndsWith(']'))
            .Select(p => KeyValuePair.Create(p.Key[(parent.Length + 1)..^1], p.Value));

    /// <summary>A fingerprint of the parameters: a replay with the same key must send exactly these.</summary>
    public string Fingerprint => string.Join('&', Form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    public static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What the fake answers: a status and a JSON body (an object, a list, or <c>{"error":…}</c>).</summary>
public sealed record StripeResponse(int Status, JsonObject Body, bool Replayed = false)
{
    /// <summary>A refusal of the request's parameters: Stripe saves nothing under its idempotency key for these.</summary>
    public bool IsParameterError { get; init; }

    public static StripeResponse Ok(JsonObject body) => new(200, body);

    public static StripeResponse Error(int status, string type, string? code, string message, string? param = null, Action<JsonObject>? more = null)
    {
        var error = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message, ["param"] = param };
        more?.Invoke(error);
        return new StripeResponse(status, new JsonObject { ["error"] = error });
    }

    public static StripeResponse Invalid(string? code, string message, string? param = null) =>
        Error(400, "invalid_request_error", code, message, param) with { IsParameterError = true };

    public static StripeResponse Missing(string kind, string id) =>
        Error(404, "invalid_request_error", "resource_missing", $"No such {kind}: '{id}'", "id");
}
