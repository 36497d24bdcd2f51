using System.Text.Json;
using MedSpa.Infrastructure.Documents;

namespace MedSpa.Functions.Http;

/// <summary>Reads a JSON request body, turning every way it can be wrong into a field-level validation error.</summary>
public static class RequestBody
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>
    /// The doorway's first step, the one way every function binds its body: read it, then hand it on. A body that
    /// does not read (not JSON, wrong types, duplicate keys, too large) is answered with its problem and nothing runs.
    /// </summary>
    public static async Task<IActionResult> HandleAsync<T>(HttpRequest request, FunctionContext context, Func<T, Task<IActionResult>> handle)
        where T : class
    {
        var body = await ReadAsync<T>(request, context.CancellationToken);
        return body.IsSuccess ? await handle(body.Value) : Problems.From(body.Error);
    }

    /// <summary>
    /// A keyed request on something that must exist for the caller: whether it does is answered first (another clinic's
    /// id is "not found", whatever was sent), then the body is read and its idempotency key checked before anything runs.
    /// </summary>
    public static async Task<IActionResult> HandleKeyedAsync<T>(HttpRequest request, FunctionContext context, Func<Task<Error?>> refusal, Func<T, string> key, Func<T, Task<IActionResult>> handle)
        where T : class
    {
        if (await refusal() is { } refused)
        {
            return Problems.From(refused);
        }

        return await HandleAsync<T>(request, context, body => IdempotencyKeys.IsValid(key(body))
            ? handle(body)
            : Task.FromResult<IActionResult>(Problems.From(new Error.Invalid(new Dictionary<string, string[]> { [IdempotencyKeys.Field] = IdempotencyKeys.Message }))));
    }

    /// <summary>The same, for answers that need no more reading.</summary>
    public static Task<IActionResult> HandleAsync<T>(HttpRequest request, FunctionContext context, Func<T, IActionResult> handle)
        where T : class =>
        HandleAsync<T>(request, context, body => Task.FromResult(handle(body)));

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
            return new Error.Invalid(new Dictionary<string, string[]> { [path] = [Describe(e, path)] }, "The body is not valid JSON for this request.");
        }
    }

    /// <summary>
    /// A file sent as the raw body (a photo), read no further than <paramref name="maxBytes"/>: a declared length over it
    /// is refused before anything is read, and a body sent without one stops being read once it passes the limit.
    /// </summary>
    public static async Task<Result<byte[]>> ReadBytesAsync(HttpRequest request, int maxBytes, string tooLarge, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return new Error.TooLarge(tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return new Error.TooLarge(tooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Describe(JsonException e, string path) =>
        e.Message.Contains("could not be converted", StringComparison.Ordinal) ? "Has the wrong type or format."
        : e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? "Appears more than once; send each field once."
        : e.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? ApiJson.RetiredFields.GetValueOrDefault(path, "Is not a field of this request; leave it out.")
        : "Is not valid JSON.";
}

/// <summary>The API's JSON: the stored shape (camelCase, enums as camelCase strings) so reads and writes agree.</summary>
public static class ApiJson
{
    /// <summary>
    /// Fields the API once took and no longer has, by path, with what to do instead. Unknown fields are otherwise
    /// skipped (clients send back what they read, etag and all), but a change sent in a retired field would then be
    /// dropped without a word: the objects that held one refuse unknown fields, and these paths say why.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RetiredFields = new Dictionary<string, string>
    {
        ["practitioner.serviceIds"] = "Choose who performs a service on the service's page (its practitioners); a staff member no longer lists services.",
    };

    /// <summary>The request shapes that held a retired field (see <see cref="RetiredFields"/>).</summary>
    private static readonly Type[] ShapesWithRetiredFields = [typeof(MedSpa.Core.Setup.PractitionerDetails)];

    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = DocumentJson.CreateOptions();

        // Enums by their names only: a number would pick a member by its position ("status": 3 → deceased).
        options.Converters.Clear();
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.AllowTrailingCommas = false;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        options.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (ShapesWithRetiredFields.Contains(info.Type))
                    {
                        info.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
                    }
                },
            },
        };

        // Strict input: a field sent twice is refused (which one would win is a parser's choice, and a way to slip
        // a value past a check), and numbers must be JSON numbers, not strings that look like them.
        options.AllowDuplicateProperties = false;
        options.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        return options;
    }
}
