using System.Text;

namespace MedSpa.Functions.Tests.Access;

/// <summary>
/// Sends every endpoint the ways a body or request can be wrong. Each must answer 4xx problem+json (never 5xx)
/// and leave the store exactly as it was.
/// </summary>
public sealed class BadInputTests(ApiHost api) : IClassFixture<ApiHost>
{
    public static TheoryData<string> Functions() => HttpFunctions.Names();

    private static readonly string LongText = new('x', 20_000);

    private static readonly (string Label, string Body)[] BadBodies =
    [
        ("malformed JSON", "{\"name\": "),
        ("not an object", "[1, 2, 3]"),
        ("JSON null", "null"),
        ("empty object (missing fields)", "{}"),
        ("wrong types", "{\"name\": 42, \"firstName\": true, \"durationMinutes\": \"long\", \"capacity\": \"big\", \"price\": \"free\", \"address\": [], \"openingHours\": {}, \"role\": 7, \"email\": 5, \"locationId\": {}}"),
        ("unknown enum", "{\"name\": \"N\", \"role\": \"wizard\", \"deposit\": {\"kind\": \"maybe\"}, \"openingHours\": [{\"day\": \"funday\", \"open\": \"09:00\", \"close\": \"10:00\"}]}"),
        ("over-long strings", $"{{\"name\": \"{LongText}\", \"firstName\": \"{LongText}\", \"lastName\": \"{LongText}\", \"email\": \"{LongText}@x.test\", \"category\": \"{LongText}\", \"type\": \"{LongText}\", \"description\": \"{LongText}\"}}"),
        ("numbers out of range", "{\"name\": \"N\", \"category\": \"C\", \"description\": \"\", \"durationMinutes\": -5, \"capacity\": 100000, \"price\": {\"amount\": -1, \"currency\": \"usd\"}}"),
        ("over 1 MB", "{\"name\": \"" + new string('y', 1_100_000) + "\"}"),
    ];

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Bad_bodies_get_4xx_problems_and_change_nothing(string key)
    {
        var endpoint = HttpFunctions.Find(key);
        if (!endpoint.HasBody)
        {
            return;
        }

        var id = endpoint.HasId ? await api.FirstIdAsync("demo", endpoint.IdKind!) : null;
        if (TakesNoBody(endpoint))
        {
            // Its one effect (giving access, say) happens on the first call; what any body sent after it does is nothing.
            (await SendAsync(endpoint, id, null, null)).Dispose();
        }

        var before = api.Snapshot();
        foreach (var (label, body) in BadBodies)
        {
            foreach (var ifMatch in new[] { null, "\"stale\"" })
            {
                using var response = await SendAsync(endpoint, id, body, ifMatch);
                var status = (int)response.StatusCode;
                if (TakesNoBody(endpoint))
                {
                    // What matters here is that an unexpected body cannot break the endpoint or make it write.
                    status.ShouldBeLessThan(500, $"{endpoint}: {label}");
                    continue;
                }

                status.ShouldBeInRange(400, 499, $"{endpoint}: {label}");
                response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", $"{endpoint}: {label}");
            }
        }

        api.Snapshot().ShouldBe(before, $"{endpoint} changed the store");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Unknown_ids_and_bad_query_strings_get_4xx_problems_and_change_nothing(string key)
    {
        var endpoint = HttpFunctions.Find(key);
        var before = api.Snapshot();

        if (endpoint.HasId)
        {
            foreach (var unknown in new[] { "does-not-exist", new string('z', 300), "location-" + Guid.NewGuid().ToString("N") })
            {
                using var response = await SendAsync(endpoint, unknown, endpoint.HasBody ? "{}" : null, "\"any\"");
                ((int)response.StatusCode).ShouldBeInRange(400, 499, $"{endpoint} with id {unknown[..Math.Min(20, unknown.Length)]}");
            }
        }
        else if (endpoint.Method == "GET")
        {
            var setupList = endpoint.IdKind is not null;
            foreach (var (query, everyList) in new[] { ("?pageSize=abc", true), ("?pageSize=0", true), ("?pageSize=100000", true), ("?continuationToken=not-a-token", true), ("?includeDeleted=perhaps", false), ("?q=" + new string('q', 500), false) })
            {
                using var response = await SendAsync(endpoint, null, null, null, query);
                ((int)response.StatusCode).ShouldBeLessThan(500, $"{endpoint}{query}");
                if (endpoint.Roles is not null && endpoint.Name.StartsWith("List", StringComparison.Ordinal) && (everyList || setupList))
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{endpoint}{query}");
                    response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
                }
            }
        }

        api.Snapshot().ShouldBe(before, $"{endpoint} changed the store");
    }

    /// <summary>POSTs that are commands without a body: restore an item, run a job now.</summary>
    private static bool TakesNoBody(HttpFunctions.Endpoint endpoint) =>
        endpoint.Name.StartsWith("Restore", StringComparison.Ordinal) || endpoint.Name is "RunDailySummaryNow" or "GiveOnlineAccess" or "LockChart" or "ShareChart" or "CreateCalendarFeedLink" or "LiveCalendarNegotiate" or "LiveSlotsNegotiate";

    private async Task<HttpResponseMessage> SendAsync(HttpFunctions.Endpoint endpoint, string? id, string? body, string? ifMatch, string query = "")
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url(id) + query);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var client = endpoint.IsAnonymous ? api.Anonymous() : api.AsAdmin();
        if (endpoint.Roles is { } roles && (roles & Core.Access.Role.Admin) == 0)
        {
            client = api.As($"patient@{ApiHost.Demo}");
        }

        return await client.SendAsync(request);
    }
}
