namespace MedSpa.Functions.Http;

/// <summary>The one place where errors become RFC 9457 problem+json responses.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ObjectResult From(Error error) => error switch
    {
        Error.Invalid invalid => Create(StatusCodes.Status400BadRequest, invalid.Title, invalid.Detail, invalid.FieldErrors),
        Error.NotFound => Create(StatusCodes.Status404NotFound, error.Title, error.Detail),
        Error.Conflict conflict => Create(StatusCodes.Status409Conflict, error.Title, error.Detail, extensions: conflict.Extensions),
        Error.Stale => Create(StatusCodes.Status412PreconditionFailed, error.Title, error.Detail),
        Error.VersionRequired => Create(StatusCodes.Status428PreconditionRequired, error.Title, error.Detail),
        Error.Forbidden => Create(StatusCodes.Status403Forbidden, error.Title, error.Detail),
        Error.TooLarge => Create(StatusCodes.Status413PayloadTooLarge, error.Title, error.Detail),
        Error.TooManyRequests => Create(StatusCodes.Status429TooManyRequests, error.Title, error.Detail),
        _ => Create(StatusCodes.Status400BadRequest, error.Title, error.Detail),
    };

    public static ObjectResult Create(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Type = $"https://httpstatuses.io/{status}",
            Title = title,
            Status = status,
            Detail = detail,
        };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = System.Text.Json.JsonSerializer.SerializeToNode(value, ApiJson.Options); // the API's names and enum words
        }

        var result = new ObjectResult(problem) { StatusCode = status };
        result.ContentTypes.Add(ContentType);
        return result;
    }

    public static ObjectResult Unauthorized(string detail) => Create(StatusCodes.Status401Unauthorized, "Sign-in required", detail);

    public static ObjectResult Forbidden(string detail) => Create(StatusCodes.Status403Forbidden, "Not allowed", detail);
}
