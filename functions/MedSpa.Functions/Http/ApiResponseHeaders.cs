namespace MedSpa.Functions.Http;

/// <summary>
/// Headers every API answer carries, whoever writes it (a function, the problem middleware, or a host's own 404/405):
/// API bodies may hold patient data, so no cache keeps them, and no browser guesses their type.
/// </summary>
public static class ApiResponseHeaders
{
    public static void Apply(IHeaderDictionary headers)
    {
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
    }
}
