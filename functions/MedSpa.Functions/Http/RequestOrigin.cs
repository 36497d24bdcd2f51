using MedSpa.Core.Forms;

namespace MedSpa.Functions.Http;

/// <summary>
/// Where a request came from, kept as evidence (a signature, a policy accepted). Behind Azure's front ends the client's
/// address is the first X-Forwarded-For entry (they set it); run locally, it is the connection's.
/// </summary>
public static class RequestOrigin
{
    public static SigningContext Of(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].FirstOrDefault()?.Split(',')[0].Trim();
        var ip = System.Net.IPAddress.TryParse(forwarded, out var parsed) ? parsed.ToString() : request.HttpContext.Connection.RemoteIpAddress?.ToString();
        var agent = request.Headers.UserAgent.FirstOrDefault();
        return new SigningContext(ip, agent is { Length: > 500 } ? agent[..500] : agent);
    }
}
