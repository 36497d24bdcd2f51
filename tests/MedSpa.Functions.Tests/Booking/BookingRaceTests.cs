using System.Collections.Concurrent;
using MedSpa.Infrastructure.Documents;
using MedSpa.Infrastructure.Tests.Documents;

namespace MedSpa.Functions.Tests.Booking;

/// <summary>
/// The invariant under load: 50 bookings race for overlapping times of different lengths over shared practitioners
/// and rooms. Afterwards no practitioner, room or device is held by two live bookings at overlapping times, and
/// every request got either a booking or a 409 that says why.
/// </summary>
public abstract class BookingRaceTests(ApiHost api)
{
    private static readonly string[] Services = ["Botox – one area", "Dysport", "Botox – three areas", "Microneedling", "Signature facial", "HydraFacial", "VI Peel", "Dermaplaning"];

    [Fact]
    public async Task Fifty_concurrent_bookings_never_double_book_any_resource()
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var location = setup.Locations.Single(l => l.Name == "SoHo");
        var day = NextWeekday(ClinicTime.For(location.TimeZone).LocalDate(DateTimeOffset.UtcNow).AddDays(2));
        var random = new Random(4242);
        var requests = Enumerable.Range(0, 50).Select(i =>
        {
            var name = Services[random.Next(Services.Length)];
            var service = setup.Services.Single(s => s.Name == name);
            var eligible = setup.Staff.Where(s => service.PractitionerIds.Contains(s.Id) && s.WorkingHours.Any(h => h.LocationId == location.Id)).ToList();
            var local = new TimeOnly(10, 0).AddMinutes(15 * random.Next(0, 10));
            var start = ClinicTime.For(location.TimeZone).ToInstant(day, local)!.Value;
            return new
            {
                serviceId = service.Id,
                locationId = location.Id,
                startTime = ClinicTime.ToIsoString(start, location.TimeZone),
                practitionerId = random.Next(3) == 0 || eligible.Count == 0 ? null : eligible[random.Next(eligible.Count)].Id,
                patientId = $"patient-demo-{random.Next(0, 5):D4}",
                bookingSource = "phone",
            };
        }).ToList();

        var outcomes = new ConcurrentBag<(HttpStatusCode Status, string Body)>();
        using var gate = new SemaphoreSlim(0);
        var tasks = requests.Select(async request =>
        {
            var client = api.As($"frontdesk@{ApiHost.Demo}");
            await gate.WaitAsync();
            var response = await client.PostAsJsonAsync("/api/booking/appointments", request);
            outcomes.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }).ToList();
        gate.Release(requests.Count);
        await Task.WhenAll(tasks);

        outcomes.Count.ShouldBe(50);
        outcomes.ShouldAllBe(o => o.Status == HttpStatusCode.Created || o.Status == HttpStatusCode.Conflict);
        outcomes.Where(o => o.Status == HttpStatusCode.Conflict).Select(o => o.Body).ShouldAllBe(body => body.Contains("taken"));
        outcomes.Count(o => o.Status == HttpStatusCode.Created).ShouldBeGreaterThan(2, string.Join("\n", outcomes.Take(5).Select(o => o.Body)));

        var booked = (await api.Services.GetRequiredService<AppointmentStore>().ForLocationAsync("demo", location.Id, day.ToString("yyyy-MM-dd"), day.ToString("yyyy-MM-dd")))
            .Where(a => a.HoldsTime).ToList();
        booked.Count.ShouldBe(outcomes.Count(o => o.Status == HttpStatusCode.Created));
        var overlaps = booked.SelectMany(a => a.ResourceIds.Select(r => (Resource: r, a.Id, a.OccupiedStart, a.OccupiedEnd)))
            .GroupBy(x => x.Resource)
            .SelectMany(g => g.SelectMany(x => g.Where(y => string.CompareOrdinal(x.Id, y.Id) < 0 && x.OccupiedStart < y.OccupiedEnd && y.OccupiedStart < x.OccupiedEnd)
                .Select(y => $"{g.Key}: {x.Id} overlaps {y.Id}")))
            .ToList();
        overlaps.ShouldBeEmpty();
    }

    private static DateOnly NextWeekday(DateOnly day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }
}

public sealed class BookingRaceOnSqliteTests(ApiHost api) : BookingRaceTests(api), IClassFixture<ApiHost>;

/// <summary>The same race with Cosmos DB semantics, on the emulator.</summary>
public sealed class BookingRaceOnCosmosTests : BookingRaceTests, IClassFixture<CosmosApiHost>
{
    public BookingRaceOnCosmosTests(CosmosApiHost api)
        : base(api.Host)
    {
    }
}

/// <summary>The API host on a Cosmos store (its own database on a fresh emulator).</summary>
public sealed class CosmosApiHost : IAsyncLifetime
{
    private readonly CosmosEmulatorFixture _emulator = new();

    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _emulator.InitializeAsync();
        Host = new ApiHost { StoreFactory = () => _emulator.Store };
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _emulator.DisposeAsync();
    }
}
