using System.Net.Http.Headers;

namespace MedSpa.Functions.Tests.Booking;

/// <summary>
/// The booking page's reads (catalogue and availability) carry an ETag of their answer: a browser that sends it back
/// gets 304 and no body while nothing changed, and the full answer with a new ETag once something did.
/// </summary>
public sealed class RevalidationTests(ApiHost api) : IClassFixture<ApiHost>
{
    private async Task<HttpResponseMessage> GetAsync(string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        }

        return await api.Anonymous().SendAsync(request);
    }

    [Theory]
    [InlineData("/api/booking/locations?clinicId=demo")]
    [InlineData("/api/booking/services?clinicId=demo")]
    [InlineData("/api/booking/practitioners?clinicId=demo")]
    public async Task An_unchanged_catalogue_answers_304_to_its_own_ETag(string url)
    {
        var first = await GetAsync(url);
        var etag = first.Headers.ETag?.ToString().ShouldNotBeNull();

        var again = await GetAsync(url, etag);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.CacheControl?.NoCache.ShouldBeTrue();
        again.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await again.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        again.Headers.ETag?.ToString().ShouldBe(etag);
        (await GetAsync(url, "W/\"somethingelse\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Availability_answers_304_until_a_booking_takes_a_time()
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.Single(s => s.Name == "Signature facial");
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        var from = ClinicTime.For(location.TimeZone).LocalDate(DateTimeOffset.UtcNow).AddDays(12);
        var url = $"/api/booking/availability?clinicId=demo&serviceId={service.Id}&locationId={location.Id}&from={from:yyyy-MM-dd}&to={from.AddDays(2):yyyy-MM-dd}";
        var first = await GetAsync(url);
        var etag = first.Headers.ETag?.ToString().ShouldNotBeNull();
        (await GetAsync(url, etag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        var start = (await first.JsonAsync())["slots"]![0]!["startTime"]!.GetValue<string>();
        var booked = await api.As($"patient@{ApiHost.Demo}").PostAsJsonAsync("/api/booking/appointments", new { serviceId = service.Id, locationId = location.Id, startTime = start });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);

        var after = await GetAsync(url, etag);
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.Headers.ETag?.ToString().ShouldNotBe(etag);
    }
}
