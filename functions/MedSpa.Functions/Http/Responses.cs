using System.Text.Json;

namespace MedSpa.Functions.Http;

/// <summary>How answers go out: each feature's response record (or JSON) for the body, its version in the ETag header.</summary>
public static class Responses
{
    /// <summary>The one place an answer's ETag header is written: the document's version, quoted.</summary>
    private static void SetETag(HttpRequest request, string etag) => request.HttpContext.Response.Headers.ETag = Quote(etag);

    /// <summary>One item: its body (a feature's contract or JSON) with its version in the ETag header.</summary>
    public static IActionResult Item(HttpRequest request, string etag, object body, int status = StatusCodes.Status200OK)
    {
        SetETag(request, etag);
        return Json(body, status);
    }

    /// <summary>A page of documents, each as the feature's response (a record or JSON); the continuation token is sent even when null.</summary>
    public static IActionResult Page<T>(DocumentPage<T> page, Func<Document<T>, object> toResponse) => Json(new JsonObject
    {
        ["items"] = new JsonArray([.. page.Items.Select(d => JsonSerializer.SerializeToNode(toResponse(d), ApiJson.Options))]),
        ["continuationToken"] = page.ContinuationToken,
    });

    /// <summary>
    /// A read that changes only with the data behind it (the catalogue, availability): its ETag is a hash of the
    /// answer, and a client that sends that ETag back in If-None-Match gets 304 and no body. Weak, because compression
    /// may change the bytes but not the meaning; no-cache, so a browser keeps it but asks every time.
    /// </summary>
    public static IActionResult Revalidated(HttpRequest request, object value)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ApiJson.Options);
        var etag = $"W/\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 16))}\"";
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "private, no-cache";
        var known = request.Headers.IfNoneMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return known.Contains(etag, StringComparer.Ordinal)
            ? new StatusCodeResult(StatusCodes.Status304NotModified)
            : new FileContentResult(body, "application/json");
    }

    public static IActionResult Json(object value, int status = StatusCodes.Status200OK) =>
        new ContentResult { Content = JsonSerializer.Serialize(value, value.GetType(), ApiJson.Options), ContentType = "application/json", StatusCode = status };

    /// <summary>The one way a use case's result becomes an answer: the mapped value, or the error's problem+json.</summary>
    public static IActionResult From<T>(Result<T> result, Func<T, IActionResult> success) =>
        result.IsSuccess ? success(result.Value) : Problems.From(result.Error);

    /// <summary><see cref="From{T}"/> for answers that need more reading (the clinic's setup, say) to write.</summary>
    public static async Task<IActionResult> FromAsync<T>(Result<T> result, Func<T, Task<IActionResult>> success) =>
        result.IsSuccess ? await success(result.Value) : Problems.From(result.Error);

    /// <summary>If-Match without quotes or the weak prefix, as the store compares raw ETags.</summary>
    public static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } value ? value.Replace("W/", string.Empty, StringComparison.Ordinal).Trim().Trim('"') : null;

    private static string Quote(string etag) => $"\"{etag}\"";
}

/// <summary>Query-string values with validation errors instead of exceptions.</summary>
public static class Query
{
    public static Result<int> WholeNumber(HttpRequest request, string name, int fallback) =>
        request.Query[name].FirstOrDefault() is not { } raw ? fallback
        : int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : Error.Invalid.Field(name, "Must be a whole number.");

    public static Result<bool> Bool(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault() is not { } raw ? false
        : bool.TryParse(raw, out var value) ? value
        : Error.Invalid.Field(name, "Must be true or false.");

    public static string? Text(HttpRequest request, string name) => request.Query[name].FirstOrDefault();
}
