using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using MedSpa.Core.Access;
using MedSpa.Core.Booking;
using MedSpa.Core.Scheduling;
using MedSpa.Core.Setup;
using MedSpa.Functions;
using MedSpa.Infrastructure.Identity;
using MedSpa.Infrastructure.Seeding;
using MedSpa.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MedSpa.Core.Common;

namespace MedSpa.Benchmarks;

/// <summary>
/// HTTP-level load measurements for booking (the "http" mode, see README.md): the whole app in process behind real
/// Kestrel on a free 127.0.0.1 port, the demo clinic with a month of existing bookings, then availability latency
/// and booking throughput under a race, each measured twice. Every loop is bounded in count and in time.
/// </summary>
public static class HttpBenchmark
{
    private const string Tenant = DemoClinic.DemoTenantId;
    private const string Domain = "demo.medspa.test";

    public static async Task<int> RunAsync(string[] args)
    {
        int targetBookings = ArgValue(args, "--bookings", 5000);
        int requests = ArgValue(args, "--requests", 500);
        int concurrency = ArgValue(args, "--concurrency", 8);
        int raceClients = ArgValue(args, "--race-clients", 8);
        int raceRequests = ArgValue(args, "--race-requests", 400);
        int repeats = ArgValue(args, "--repeat", 2);
        string serviceName = ArgText(args, "--service", "Botox – one area");

        string dataDir = Path.Combine(Path.GetTempPath(), $"medspa-http-bench-{Guid.NewGuid():N}");
        int port = FreeLoopbackPort();
        var app = LocalFunctionsHost.Build(
            [
                $"--urls=http://127.0.0.1:{port}",
                $"--DataDir={dataDir}",
                "--LocalSignIn:Enabled=false",
                "--LocalAzurite:Enabled=false",
                "--Seed:Demo=false",
                "--Logging:LogLevel:Default=Warning",
            ],
            typeof(MedSpaApp).Assembly,
            MedSpaApp.Configure,
            builder =>
            {
                // Count the app's store round-trips (and their time) per kind of request.
                var original = builder.Services.Last(d => d.ServiceType == typeof(IDocumentStore));
                builder.Services.Replace(ServiceDescriptor.Singleton<IDocumentStore>(sp => new CountingDocumentStore(
                    (IDocumentStore)(original.ImplementationInstance ?? original.ImplementationFactory?.Invoke(sp)
                        ?? throw new InvalidOperationException("The document store is registered in a way the benchmark cannot wrap.")))));
            });
        await app.StartAsync();
        try
        {
            var services = app.Services;
            _store = services.GetRequiredService<IDocumentStore>() as CountingDocumentStore;
            var clock = Stopwatch.StartNew();
            await services.GetRequiredService<DemoClinic>().SeedAsync(Tenant, "Demo", Domain, patientCount: 200);
            Console.WriteLine($"app:                       Kestrel on http://127.0.0.1:{port}, SQLite in {dataDir}");
            Console.WriteLine($"cores:                     {Environment.ProcessorCount}, .NET {Environment.Version}");
            Console.WriteLine($"demo clinic seeded:        {clock.Elapsed.TotalSeconds:F1} s (200 patients)");

            var setup = await services.GetRequiredService<ClinicSetupStore>().LoadAsync(Tenant);
            var fill = await FillAsync(services, setup, targetBookings, TimeSpan.FromMinutes(5));

            var issuer = services.GetRequiredService<DevTokenIssuer>();
            string deskToken = issuer.Issue($"frontdesk@{Domain}", "Frankie Desk", TimeSpan.FromHours(2));
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(30),
            };

            // Availability: one service, seven days, at the location where most practitioners offer it. Week 1 as filled
            // (every practitioner booked up: the most busy data, no slot left); week 2 after the front desk cancels every
            // third of its bookings (still the month's busy data, with gaps to offer).
            var service = setup.Services.Single(s => s.Name == serviceName);
            var location = setup.Locations.OrderByDescending(l => Eligible(setup, service, l).Count).ThenBy(l => l.Name).First();
            var time = ClinicTime.For(location.TimeZone);
            var today = time.LocalDate(DateTimeOffset.UtcNow);
            Console.WriteLine();
            Console.WriteLine($"availability:              {service.Name} at {location.Name} ({Eligible(setup, service, location).Count} practitioners), 7 days; targets p95 <= 15 ms sequential, <= 40 ms and >= 500 req/s with 8 clients");
            await AvailabilityAsync(http, services, setup, service, location, today.AddDays(1), deskToken, requests, concurrency, repeats, "week 1, fully booked");
            int cancelled = await CancelEveryThirdAsync(services, fill.Booked.Where(b => b.Day >= 8 && b.Day <= 14));
            Console.WriteLine($"                           front desk cancelled {cancelled} bookings (every third of days 8-14, through CancelAppointment)");
            await AvailabilityAsync(http, services, setup, service, location, today.AddDays(8), deskToken, requests, concurrency, repeats, "week 2, two thirds booked");

            // Booking race: fresh weekdays beyond the filled month (none a closure), so some requests win and many collide.
            // A short warm-up race first (JIT of the booking path), and a one-client run for the uncontended cost.
            Console.WriteLine();
            var raceZone = ClinicTime.For(setup.Locations.OrderBy(l => l.Name).First().TimeZone);
            var raceToday = raceZone.LocalDate(DateTimeOffset.UtcNow);
            await RaceAsync(http, services, setup, deskToken, raceToday.AddDays(80), 2, 40, 0, "warm-up");
            for (int run = 1; run <= repeats; run++)
            {
                await RaceAsync(http, services, setup, deskToken, raceToday.AddDays(33 + (10 * (run - 1))), raceClients, raceRequests, run, $"run {run}");
            }

            await RaceAsync(http, services, setup, deskToken, raceToday.AddDays(33 + (10 * repeats)), 1, Math.Max(1, raceRequests / 4), 99, "1 client (baseline)");

            await ProfileBookingAsync(services, setup, raceToday.AddDays(33));

            // The invariant over everything booked: the month of fill and every race.
            var overlaps = await OverlapsAsync(services, setup, raceToday.AddDays(-1), raceToday.AddDays(100));
            Console.WriteLine($"overlaps, all bookings:    {overlaps.Count} (fill and every race, checked per practitioner, room and device)");
            foreach (string overlap in overlaps.Take(5))
            {
                Console.WriteLine("  " + overlap);
            }

            ReportMemory("after availability and the races");
            await PatientHistoryAsync(services, targetAppointments: 50_000, historyLength: 50);
            ReportMemory("after 50,000 appointments and their history reads");
            await PatientSearchAsync(services, patientCount: 50_000);
            ReportMemory("after 50,000 patients and their searches");
            return overlaps.Count == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task AvailabilityAsync(HttpClient http, IServiceProvider services, ClinicSetup setup, Service service, Location location, DateOnly from,
        string deskToken, int requests, int concurrency, int repeats, string label)
    {
        var time = ClinicTime.For(location.TimeZone);
        var to = from.AddDays(6);
        string query = $"/api/booking/availability?serviceId={service.Id}&locationId={location.Id}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var probe = await http.GetAsync(query + $"&clinicId={Tenant}");
        string probeBody = await probe.Content.ReadAsStringAsync();
        if (probe.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"availability answered {(int)probe.StatusCode}: {probeBody}");
        }

        int slots = System.Text.Json.Nodes.JsonNode.Parse(probeBody)!["slots"]!.AsArray().Count;
        int ledgerDays = ResourceLedger.DaysOf(time.StartOfDay(from), time.EndOfDay(to)).Count();
        var live = await services.GetRequiredService<ResourceLedgerStore>().LiveClaimsAsync(Tenant, time.StartOfDay(from), time.EndOfDay(to), DateTimeOffset.UtcNow);
        Console.WriteLine($"{label}: GET {query}");
        Console.WriteLine($"  {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {slots} slots offered ({probeBody.Length / 1024.0:F1} KB); the request reads {ledgerDays} UTC days of ledgers holding {live.Count} live claims");

        HttpRequestMessage Anonymous() => new(HttpMethod.Get, query + $"&clinicId={Tenant}");
        HttpRequestMessage AsDesk() => new(HttpMethod.Get, query) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", deskToken) } };
        await MeasureAsync(http, Anonymous, 50, 1, TimeSpan.FromSeconds(60), null); // warm up (JIT, connection, SQLite pages)
        await MeasureAsync(http, AsDesk, 20, 1, TimeSpan.FromSeconds(60), null);
        // A returning browser: it sends back the ETag it holds and gets 304 while nothing changed.
        string? etag = probe.Headers.ETag?.ToString();
        HttpRequestMessage Revalidating() => new(HttpMethod.Get, query + $"&clinicId={Tenant}") { Headers = { { "If-None-Match", etag } } };
        Measurement? anonymous = null, desk = null;
        for (int run = 1; run <= repeats; run++)
        {
            Report($"anonymous, sequential, run {run}", anonymous = await MeasureAsync(http, Anonymous, requests, 1, TimeSpan.FromMinutes(2), HttpStatusCode.OK));
            Report($"front desk, sequential, run {run}", desk = await MeasureAsync(http, AsDesk, requests, 1, TimeSpan.FromMinutes(2), HttpStatusCode.OK));
            Report($"anonymous, concurrency {concurrency}, run {run}", await MeasureAsync(http, Anonymous, requests, concurrency, TimeSpan.FromMinutes(2), HttpStatusCode.OK));
            Report($"revalidating, concurrency {concurrency}, run {run}", await MeasureAsync(http, Revalidating, requests, concurrency, TimeSpan.FromMinutes(2), HttpStatusCode.NotModified));
        }

        var useCase = await ProfileAvailabilityAsync(services, service, location, from, to);
        if (anonymous is not null && desk is not null)
        {
            double total = Percentile(anonymous.LatenciesMs, 0.5), withToken = Percentile(desk.LatenciesMs, 0.5);
            Console.WriteLine($"  layers of one request (medians, ms): over HTTP {total:F2} = use case {useCase:F2} (of which store {anonymous.StoreMs:F2} in " +
                $"{anonymous.StoreCalls:F1} round-trips) + Kestrel, middleware, routing and JSON {total - useCase:F2}; a bearer token (validation, directory) adds {withToken - total:F2}");
        }
    }

    private static async Task<double[]> TimeAsync(Func<Task> step, int n)
    {
        for (int i = 0; i < 20; i++)
        {
            await step();
        }

        var samples = new double[n];
        for (int i = 0; i < n; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await step();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return [.. samples.Order()];
    }

    /// <summary>What one booking reads before it writes, in process (no HTTP, no writes), with everything booked so far.</summary>
    private static async Task ProfileBookingAsync(IServiceProvider services, ClinicSetup setup, DateOnly day)
    {
        const int n = 100;
        var booking = services.GetRequiredService<BookAppointment>();
        var book = services.GetRequiredService<AppointmentStore>();
        var desk = new Booker(Tenant, new Caller("desk", $"frontdesk@{Domain}", "Frankie Desk", Tenant, Role.FrontDesk));
        var service = setup.Services.Single(s => s.Name == "Signature facial");
        var location = setup.Locations.First(l => Eligible(setup, service, l).Count > 0);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || location.Closures.Any(c => c.Date == $"{day:yyyy-MM-dd}"))
        {
            day = day.AddDays(1);
        }

        var start = ClinicTime.For(location.TimeZone).ToInstant(day, new TimeOnly(17, 0))!.Value;
        var request = new BookingRequest(service.Id, location.Id, ClinicTime.ToIsoString(start, location.TimeZone), null, $"patient-{Tenant}-0007", null, null, "phone");
        int history = (await book.ForPatientAsync(Tenant, $"patient-{Tenant}-0007")).Count;
        var plan = await booking.ValidateAsync(desk, request);
        if (!plan.IsSuccess)
        {
            throw new InvalidOperationException($"profile booking refused: {plan.Error!.Detail}");
        }

        var steps = new (string Label, Func<Task> Step)[]
        {
            ("BookAppointment.ValidateAsync (all reads of a booking)", () => booking.ValidateAsync(desk, request)),
            ($"  AppointmentStore.ForPatientAsync ({history} of theirs)", () => book.ForPatientAsync(Tenant, $"patient-{Tenant}-0007")),
            ("  ClinicSetupStore.LoadAsync (version check)", () => services.GetRequiredService<ClinicSetupStore>().LoadAsync(Tenant)),
        };
        Console.WriteLine($"  where a booking's reads go, in process, {n} calls each:");
        foreach (var (label, step) in steps)
        {
            var s = await TimeAsync(step, n);
            Console.WriteLine($"    {label,-50} median {Percentile(s, 0.50),6:F2}  p95 {Percentile(s, 0.95),6:F2} ms");
        }
    }

    /// <summary>
    /// A patient's history among a clinic's many appointments: the clinic is topped up to <paramref name="targetAppointments"/>
    /// appointment documents (copies of a real one, written straight to the store: this measures reading), one patient
    /// holding <paramref name="historyLength"/> of them, then AppointmentStore.ForPatientAsync, as every booking's
    /// validation calls it, is timed for that patient.
    /// </summary>
    private static async Task PatientHistoryAsync(IServiceProvider services, int targetAppointments, int historyLength)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var appointments = services.GetRequiredService<AppointmentStore>();
        var first = (await appointments.ForPatientAsync(Tenant, $"patient-{Tenant}-0007"))[0];
        var template = (await store.ReadAsync<System.Text.Json.Nodes.JsonObject>(Partitions.Appointments, Tenant, first.Id))?.Body
            ?? throw new InvalidOperationException("The template appointment is gone.");
        int existing = (await store.QueryAllAsync<Appointment>(Partitions.Appointments, Tenant, new DocumentQuery { PageSize = DocumentQuery.MaxPageSize })).Count;
        const string patient = "patient-history-benchmark";
        var clock = Stopwatch.StartNew();
        int next = -1, toAdd = Math.Max(historyLength, targetAppointments - existing);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < toAdd)
            {
                string id = $"appointment-bench-{i:D6}";
                string patientId = i < historyLength ? patient : $"patient-bench-{i % 5000:D4}";
                var copy = template.DeepClone().AsObject();
                copy["id"] = id;
                copy["patientId"] = patientId;
                await store.CreateAsync(Partitions.Appointments, Tenant, id, copy);
            }
        })));
        Console.WriteLine();
        Console.WriteLine($"patient history: {existing + toAdd} appointments in the clinic ({toAdd} added in {clock.Elapsed.TotalSeconds:F1} s), one patient with {historyLength}; target p95 <= 2 ms");
        var cold = Stopwatch.StartNew();
        int found = (await appointments.ForPatientAsync(Tenant, patient)).Count;
        Console.WriteLine($"  first read (nothing parsed yet): {cold.Elapsed.TotalMilliseconds:F2} ms, {found} appointments");
        var before = _store?.Snapshot() ?? default;
        var samples = await TimeAsync(() => appointments.ForPatientAsync(Tenant, patient), 200);
        var after = _store?.Snapshot() ?? default;
        Console.WriteLine($"  AppointmentStore.ForPatientAsync, 200 calls: median {Percentile(samples, 0.50):F2}  p95 {Percentile(samples, 0.95):F2}  max {samples[^1]:F2} ms; " +
            $"store {(after.Calls - before.Calls) / 220.0:F1} round-trips a read");
    }

    /// <summary>
    /// The desk's patient search over a clinic of <paramref name="patientCount"/> patients (written straight to the
    /// store, generated names): each kind of lookup FindPatients serves, 200 times, as the desk would type it.
    /// </summary>
    private static async Task PatientSearchAsync(IServiceProvider services, int patientCount)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        string[] first = ["Ava", "Ben", "Cleo", "Dev", "Elena", "Farah", "Gus", "Hana", "Ivo", "Jade", "Kai", "Lena", "Mateo", "Nia", "Omar", "Priya"];
        string[] last = ["Stone", "Marsh", "Quinn", "Reyes", "Okafor", "Nguyen", "Schmidt", "Rossi", "Kowalski", "Haddad", "Tanaka", "Silva", "Moreau", "Larsen"];
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < patientCount)
            {
                var id = $"patient-search-{i:D6}";
                await store.CreateAsync(Partitions.Patients, Tenant, id, new MedSpa.Core.Patients.Patient
                {
                    Id = id, TenantId = Tenant, FirstName = first[i % first.Length], LastName = $"{last[i / first.Length % last.Length]}{i / 224:D3}",
                    Email = $"p{i:D6}@example.com", Phone = $"+1415{2_000_000 + i}", DateOfBirth = $"{1950 + (i % 50)}-{1 + (i % 12):D2}-{1 + (i % 28):D2}",
                    CreatedAt = now, UpdatedAt = now,
                });
            }
        })));
        Console.WriteLine();
        Console.WriteLine($"patient search: {patientCount} patients added in {clock.Elapsed.TotalSeconds:F1} s; FindPatients as the desk, 200 calls each; target p95 <= 50 ms");
        var find = services.GetRequiredService<MedSpa.Core.Patients.FindPatients>();
        var desk = new Caller("desk", $"frontdesk@{Domain}", "Frankie Desk", Tenant, Role.FrontDesk);
        var first25 = await find.FindAsync(desk, new MedSpa.Core.Patients.PatientListQuery());
        var lookups = new (string Label, MedSpa.Core.Patients.PatientListQuery Query)[]
        {
            ("surname as typed (\"tana\")", new("tana")),
            ("first name (\"prIya\")", new("prIya")),
            ("first and last (\"ava sto\")", new("ava sto")),
            ("email", new("p031337@example.com")),
            ("phone as typed", new("(415) 203-1337")),
            ("date of birth", new("1987-02-10")),
            ("the list, first page of 25", new()),
            ("the list, a later page of 25", new(ContinuationToken: first25.Value?.ContinuationToken)),
            ("active patients, first page", new(Status: MedSpa.Core.Patients.PatientStatus.Active)),
        };
        foreach (var (label, query) in lookups)
        {
            int found = (await find.FindAsync(desk, query)).Value?.Items.Count ?? -1;
            var samples = await TimeAsync(() => find.FindAsync(desk, query), 200);
            Console.WriteLine($"    {label,-36} median {Percentile(samples, 0.50),6:F2}  p95 {Percentile(samples, 0.95),6:F2}  max {samples[^1],6:F2} ms  ({found} found)");
        }
    }

    private static void ReportMemory(string when)
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"memory, {when}: working set {process.WorkingSet64 / 1048576.0:F0} MB, peak {process.PeakWorkingSet64 / 1048576.0:F0} MB " +
            $"(the app and the benchmark's clients in one process), managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB");
    }

    private static async Task<int> CancelEveryThirdAsync(IServiceProvider services, IEnumerable<(string Id, int Day)> booked)
    {
        var cancel = services.GetRequiredService<CancelAppointment>();
        var events = services.GetRequiredService<DomainEventQueue>();
        var desk = new Booker(Tenant, new Caller("desk", $"frontdesk@{Domain}", "Frankie Desk", Tenant, Role.FrontDesk));
        int cancelled = 0, index = 0;
        foreach (var (id, _) in booked)
        {
            if (index++ % 3 == 0)
            {
                // A use case raises what follows from it (the freed time goes to the waitlist); nobody waits here, so
                // the events are collected and dropped, as a request with an empty waitlist would end.
                events.BeginCollecting();
                var result = await cancel.CancelAsync(desk, id, "benchmark: make room");
                events.TakeAll();
                cancelled += result.IsSuccess ? 1 : throw new InvalidOperationException(result.Error!.Detail);
            }
        }

        return cancelled;
    }

    private sealed record FillResult(List<(string Id, int Day)> Booked);

    /// <summary>
    /// Fills the next 31 days through the BookAppointment use case as the front desk (in process, not HTTP: the fast
    /// path). Per location and day, each pass offers every service that can still be had its earliest free slot,
    /// until no service has one left or the target is reached.
    /// </summary>
    private static async Task<FillResult> FillAsync(IServiceProvider services, ClinicSetup setup, int target, TimeSpan budget)
    {
        var find = services.GetRequiredService<FindAvailability>();
        var booking = services.GetRequiredService<BookAppointment>();
        var desk = new Booker(Tenant, new Caller("desk", $"frontdesk@{Domain}", "Frankie Desk", Tenant, Role.FrontDesk));
        var random = new Random(31);
        var clock = Stopwatch.StartNew();
        int booked = 0, refused = 0, finds = 0;
        var bookedIds = new List<(string Id, int Day)>();
        var perLocation = new Dictionary<string, int>();
        var bookable = setup.Services.Where(s => !s.Deleted && !s.RequiresConsultation).ToList();
        for (int offset = 1; offset <= 31 && booked < target && clock.Elapsed < budget; offset++)
        {
            foreach (var location in setup.Locations.OrderBy(l => l.Name))
            {
                var day = ClinicTime.For(location.TimeZone).LocalDate(DateTimeOffset.UtcNow).AddDays(offset);
                var active = bookable.Where(s => Eligible(setup, s, location).Count > 0).OrderBy(_ => random.Next()).ToList();
                while (active.Count > 0 && booked < target && clock.Elapsed < budget)
                {
                    foreach (var service in active.ToList())
                    {
                        finds++;
                        var found = await find.FindAsync(Tenant, new AvailabilityQuery(service.Id, location.Id, $"{day:yyyy-MM-dd}", $"{day:yyyy-MM-dd}", null), online: false);
                        var slot = found.Value?.Slots.FirstOrDefault();
                        if (slot is null)
                        {
                            active.Remove(service);
                            continue;
                        }

                        var result = await booking.BookAsync(desk, new BookingRequest(service.Id, location.Id, ClinicTime.ToIsoString(slot.Start, location.TimeZone), null,
                            $"patient-{Tenant}-{random.Next(200):D4}", null, null, "phone"));
                        if (result.IsSuccess)
                        {
                            booked++;
                            bookedIds.Add((result.Value!.Id, offset));
                            perLocation[location.Name] = perLocation.GetValueOrDefault(location.Name) + 1;
                            if (booked >= target)
                            {
                                break;
                            }
                        }
                        else
                        {
                            refused++;
                            active.Remove(service);
                        }
                    }
                }
            }
        }

        Console.WriteLine($"existing bookings:         {booked} of {target} wanted ({string.Join(", ", perLocation.Select(p => $"{p.Key} {p.Value}"))}), next 31 days, " +
            $"through BookAppointment in process as front desk (not HTTP); {finds} availability finds, {refused} refused, {clock.Elapsed.TotalSeconds:F1} s");
        if (booked < target)
        {
            Console.WriteLine("                           (the demo clinic is full: 8 practitioners on weekday shifts, no slot left for any service)");
        }

        return new FillResult(bookedIds);
    }

    private sealed record Measurement(double[] LatenciesMs, TimeSpan Elapsed, Dictionary<int, int> Statuses, string? FirstUnexpected, double StoreCalls, double StoreMs);

    private static CountingDocumentStore? _store;

    private static async Task<Measurement> MeasureAsync(HttpClient http, Func<HttpRequestMessage> make, int count, int clients, TimeSpan budget, HttpStatusCode? expected)
    {
        var storeBefore = _store?.Snapshot() ?? default;
        var latencies = new double[count];
        var statuses = new ConcurrentDictionary<int, int>();
        string? firstUnexpected = null;
        int next = -1, done = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && clock.Elapsed < budget)
            {
                long start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(make());
                string body = await response.Content.ReadAsStringAsync();
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Interlocked.Increment(ref done);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (expected is { } ok && response.StatusCode != ok)
                {
                    Interlocked.CompareExchange(ref firstUnexpected, $"{(int)response.StatusCode}: {body}", null);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var storeAfter = _store?.Snapshot() ?? default;
        return new Measurement(latencies.Take(done).Order().ToArray(), clock.Elapsed, new(statuses), firstUnexpected,
            (storeAfter.Calls - storeBefore.Calls) / (double)Math.Max(1, done), (storeAfter.Time - storeBefore.Time).TotalMilliseconds / Math.Max(1, done));
    }

    private static void Report(string label, Measurement m)
    {
        var l = m.LatenciesMs;
        Console.WriteLine($"  {label,-34} n={l.Length} {l.Length / m.Elapsed.TotalSeconds,6:F0} req/s  min {l[0]:F1}  median {Percentile(l, 0.50):F1}  " +
            $"p95 {Percentile(l, 0.95):F1}  p99 {Percentile(l, 0.99):F1}  max {l[^1]:F1} ms  [{string.Join(", ", m.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}]  " +
            $"store: {m.StoreCalls:F1} round-trips, {m.StoreMs:F2} ms a request");
        if (m.FirstUnexpected is not null)
        {
            Console.WriteLine($"    unexpected: {m.FirstUnexpected[..Math.Min(300, m.FirstUnexpected.Length)]}");
        }
    }

    /// <summary>Where an availability request's time goes, step by step, in process (no HTTP), same data.</summary>
    private static async Task<double> ProfileAvailabilityAsync(IServiceProvider services, Service service, Location location, DateOnly from, DateOnly to)
    {
        const int n = 200;
        var setupReader = services.GetRequiredService<ClinicSetupStore>();
        var policyBook = services.GetRequiredService<BookingPolicyStore>();
        var claims = services.GetRequiredService<ResourceLedgerStore>();
        var booking = services.GetRequiredService<BookAppointment>();
        var find = services.GetRequiredService<FindAvailability>();
        var time = ClinicTime.For(location.TimeZone);
        var now = DateTimeOffset.UtcNow;
        var setup = await setupReader.LoadAsync(Tenant);
        var policies = (await policyBook.GetAsync(Tenant)).Body;
        var busy = await booking.BusyAsync(Tenant, time.StartOfDay(from), time.EndOfDay(to), now, null, default);
        var request = new AvailabilityRequest(location, service, setup.Staff, setup.Rooms, setup.Equipment, busy, now, BookAppointment.ToEngine(policies, true), from, to, null);
        var query = new AvailabilityQuery(service.Id, location.Id, $"{from:yyyy-MM-dd}", $"{to:yyyy-MM-dd}", null);

        var steps = new (string Label, Func<Task> Step)[]
        {
            ("FindAvailability.FindAsync (whole use case)", () => find.FindAsync(Tenant, query, online: true)),
            ("  ClinicSetupStore.LoadAsync (version check)", () => setupReader.LoadAsync(Tenant)),
            ("  BookingPolicyStore.GetAsync (1 read)", () => policyBook.GetAsync(Tenant)),
            ($"  ResourceLedgerStore.LiveClaimsAsync ({ResourceLedger.DaysOf(time.StartOfDay(from), time.EndOfDay(to)).Count()} UTC days)", () => claims.LiveClaimsAsync(Tenant, time.StartOfDay(from), time.EndOfDay(to), now)),
            ("  AvailabilityEngine.Find (CPU only)", () => { AvailabilityEngine.Find(request); return Task.CompletedTask; }),
        };
        Console.WriteLine($"  where the time goes, in process, {n} calls each ({busy.Count} busy spans in the week):");
        double useCase = 0;
        foreach (var (label, step) in steps)
        {
            var s = await TimeAsync(step, n);
            Console.WriteLine($"    {label,-50} median {Percentile(s, 0.50),6:F2}  p95 {Percentile(s, 0.95),6:F2} ms");
            useCase = useCase == 0 ? Percentile(s, 0.50) : useCase;
        }

        return useCase;
    }

    /// <summary>
    /// K clients post N bookings for overlapping times (five weekdays, both locations, 10:00-14:45 local on the
    /// 15-minute grid, eight services, a named practitioner two times in three) as the front desk, for phone bookings.
    /// </summary>
    private static async Task RaceAsync(HttpClient http, IServiceProvider services, ClinicSetup setup, string deskToken, DateOnly firstDay, int clients, int count, int run, string label)
    {
        string[] names = ["Botox – one area", "Dysport", "Botox – three areas", "Microneedling", "Signature facial", "HydraFacial", "VI Peel", "Dermaplaning", "Laser hair removal – small area", "Myers' cocktail IV"];
        var days = new List<DateOnly>();
        for (var day = firstDay; days.Count < 5; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && setup.Locations.All(l => l.Closures.All(c => c.Date != $"{day:yyyy-MM-dd}")))
            {
                days.Add(day);
            }
        }

        var random = new Random(4242 + run);
        var options = (from name in names
                       let service = setup.Services.Single(s => s.Name == name)
                       from location in setup.Locations
                       let eligible = Eligible(setup, service, location)
                       where eligible.Count > 0
                       select (service, location, eligible)).ToList();
        var bodies = Enumerable.Range(0, count).Select(_ =>
        {
            var (service, location, eligible) = options[random.Next(options.Count)];
            var day = days[random.Next(days.Count)];
            var start = ClinicTime.For(location.TimeZone).ToInstant(day, new TimeOnly(10, 0).AddMinutes(15 * random.Next(0, 20)))!.Value;
            return new
            {
                serviceId = service.Id,
                locationId = location.Id,
                startTime = ClinicTime.ToIsoString(start, location.TimeZone),
                practitionerId = random.Next(3) == 0 ? null : eligible[random.Next(eligible.Count)].Id,
                patientId = $"patient-{Tenant}-{random.Next(200):D4}",
                bookingSource = "phone",
            };
        }).ToArray();

        var latencies = new double[count];
        var statuses = new int[count];
        var storeBefore = _store?.Snapshot() ?? default;
        string? unexpected = null;
        int next = -1, done = 0;
        var budget = TimeSpan.FromMinutes(3);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && clock.Elapsed < budget)
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, "/api/booking/appointments") { Content = JsonContent.Create(bodies[i]) };
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", deskToken);
                long start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(message);
                string body = await response.Content.ReadAsStringAsync();
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                statuses[i] = (int)response.StatusCode;
                Interlocked.Increment(ref done);
                if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)
                    || (response.StatusCode == HttpStatusCode.Conflict && !body.Contains("taken", StringComparison.Ordinal)))
                {
                    Interlocked.CompareExchange(ref unexpected, $"{(int)response.StatusCode}: {body}", null);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var storeAfter = _store?.Snapshot() ?? default;

        var sorted = latencies.Take(done).Order().ToArray();
        int created = statuses.Count(s => s == 201), conflicts = statuses.Count(s => s == 409), other = done - created - conflicts;
        var raceBooked = new List<Appointment>();
        foreach (var location in setup.Locations)
        {
            raceBooked.AddRange((await services.GetRequiredService<AppointmentStore>().ForLocationAsync(Tenant, location.Id, $"{days[0]:yyyy-MM-dd}", $"{days[^1]:yyyy-MM-dd}")).Where(a => a.HoldsTime));
        }

        Console.WriteLine($"booking race, {label}: {clients} clients, {done} POST /api/booking/appointments as front desk over {days[0]:yyyy-MM-dd}..{days[^1]:yyyy-MM-dd}, " +
            $"{elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"  {done / elapsed.TotalSeconds:F1} requests/s, {created / elapsed.TotalSeconds:F1} created/s; 201 {created}, 409 {conflicts}, other {other}; " +
            $"latency p50 {Percentile(sorted, 0.50):F1}  p95 {Percentile(sorted, 0.95):F1}  max {sorted[^1]:F1} ms; " +
            $"store {(storeAfter.Calls - storeBefore.Calls) / (double)Math.Max(1, done):F1} round-trips, {(storeAfter.Time - storeBefore.Time).TotalMilliseconds / Math.Max(1, done):F2} ms a request");
        Console.WriteLine($"  stored on those days: {raceBooked.Count} live appointments (201s: {created}); overlaps: {Overlaps(raceBooked).Count}");
        if (unexpected is not null)
        {
            Console.WriteLine($"  unexpected: {unexpected[..Math.Min(300, unexpected.Length)]}");
        }
    }

    private static async Task<List<string>> OverlapsAsync(IServiceProvider services, ClinicSetup setup, DateOnly from, DateOnly to)
    {
        var all = new List<Appointment>();
        foreach (var location in setup.Locations)
        {
            all.AddRange((await services.GetRequiredService<AppointmentStore>().ForLocationAsync(Tenant, location.Id, $"{from:yyyy-MM-dd}", $"{to:yyyy-MM-dd}")).Where(a => a.HoldsTime));
        }

        Console.WriteLine($"live appointments stored:  {all.Count}");
        return Overlaps(all);
    }

    /// <summary>The race test's check: no resource held by two live bookings at overlapping times (sorted sweep per resource).</summary>
    private static List<string> Overlaps(IEnumerable<Appointment> booked) =>
        booked.SelectMany(a => a.ResourceIds.Select(r => (Resource: r, a.Id, a.OccupiedStart, a.OccupiedEnd)))
            .GroupBy(x => x.Resource)
            .SelectMany(g =>
            {
                var found = new List<string>();
                var ordered = g.OrderBy(x => x.OccupiedStart).ToList();
                for (int i = 0; i < ordered.Count; i++)
                {
                    for (int j = i + 1; j < ordered.Count && ordered[j].OccupiedStart < ordered[i].OccupiedEnd; j++)
                    {
                        found.Add($"{g.Key}: {ordered[i].Id} overlaps {ordered[j].Id}");
                    }
                }

                return found;
            })
            .ToList();

    private static List<StaffMember> Eligible(ClinicSetup setup, Service service, Location location) =>
        setup.Staff.Where(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == location.Id)).ToList();

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    internal static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static int ArgValue(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) ? value : fallback;
    }

    private static string ArgText(string[] args, string name, string fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
