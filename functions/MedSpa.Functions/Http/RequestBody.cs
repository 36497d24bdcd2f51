using System.Text.Json;
using MedSpa.Core.Common;
using MedSpa.Infrastructure.Documents;
using Microsoft.AspNetCore.Http;

namespace MedSpa.Functions.Http;

/// <summary>Reads a JSON request body, turning every way it can be wrong into a field-level validation error.</summary>
public static class RequestBody
{
    public const long MaxBytes = 1024 * 1024;

    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return new Error.Invalid(new Dictionary<string, string[]> { ["body"] = ["The body is larger than 1 MB."] }, "The request body is too large.");
        }

        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Error.Invalid.Field("body", "Send the body as application/json.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return new Error.Invalid(new Dictionary<string, string[]> { ["body"] = ["The body is larger than 1 MB."] }, "The request body is too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Error.Invalid.Field("body", "A JSON body is required.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options) is { } value
                ? value
                : Error.Invalid.Field("body", "A JSON object is required.");
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return new Error.Invalid(new Dictionary<string, string[]> { [path] = [Describe(e)] }, "The body is not valid JSON for this request.");
        }
    }

    private static string Describe(JsonException e) =>
        e.Message.Contains("could not be converted", StringComparison.Ordinal) ? "Has the wrong type or format."
        : e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? "Appears more than once; send each field once."
        : "Is not valid JSON.";
}

/// <summary>The API's JSON: the stored shape (camelCase, enums as camelCase strings) so reads and writes agree.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = DocumentJson.CreateOptions();
        options.AllowTrailingCommas = false;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;

        // Strict input: a field sent twice is refused (which one would win is a parser's choice, and a way to slip
        // a value past a check), and numbers must be JSON numbers, not strings that look like them.
        options.AllowDuplicateProperties = false;
        options.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        return options;
    }
}
