using System.Security.Cryptography;
using System.Text;
using MedSpa.Core.Calendars;
using MedSpa.Functions.Booking;

namespace MedSpa.Functions.Calendars;

/// <summary>
/// A practitioner's private calendar link: whether there is one (GET), a new one replacing it (POST; the whole link is
/// in this answer only), turned off (DELETE); and the feed itself, served to whoever holds the link.
/// </summary>
public sealed class CalendarFeedFunctions(ManageCalendarFeed links, ReadCalendarFeed feeds)
{
    [Function("CalendarFeedLink")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "practitioners/{id}/calendar-feed")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await links.GetAsync(context.GetCaller(), id, context.CancellationToken), link => Responses.Json(new JsonObject
        {
            ["active"] = link is not null,
            ["createdAt"] = link?.CreatedAt,
            ["createdBy"] = link?.CreatedBy,
        }));

    [Function("CreateCalendarFeedLink")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "practitioners/{id}/calendar-feed")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await links.CreateAsync(context.GetCaller(), id, context.CancellationToken), made =>
        {
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return new ObjectResult(new JsonObject
            {
                ["active"] = true,
                ["url"] = made.Url,
                ["path"] = made.Path,
                ["createdAt"] = made.Link.CreatedAt,
                ["createdBy"] = made.Link.CreatedBy,
            }) { StatusCode = StatusCodes.Status201Created };
        });

    [Function("RevokeCalendarFeedLink")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> Revoke([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "practitioners/{id}/calendar-feed")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await links.RevokeAsync(context.GetCaller(), id, context.CancellationToken), _ => new NoContentResult());

    /// <summary>The feed: the token in the path is the only credential (calendars send no sign-in). ETag for cheap refreshes.</summary>
    [Function("CalendarFeed")]
    [Anonymous]
    public async Task<IActionResult> Feed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calendar-feeds/{token}/appointments.ics")] HttpRequest request, string token, FunctionContext context)
    {
        var found = await feeds.ReadAsync(token, context.CancellationToken);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error);
        }

        var ics = AppointmentIcs.WriteFeed(found.Value.Name, found.Value.Entries);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ics)))[..32]}\"";
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "private, max-age=300";
        headers["X-Robots-Tag"] = "noindex";
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        }

        return new ContentResult { Content = ics, ContentType = AppointmentIcs.ContentType, StatusCode = StatusCodes.Status200OK };
    }
}
