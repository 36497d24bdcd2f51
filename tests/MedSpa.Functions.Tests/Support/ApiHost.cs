using System.Net.Http.Headers;
using MedSpa.Functions;
using MedSpa.Infrastructure.Documents;
using MedSpa.Infrastructure.Identity;
using MedSpa.Infrastructure.Seeding;
using MedSpa.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MedSpa.Core.Series;
using MedSpa.Core.Waitlist;

namespace MedSpa.Functions.Tests.Support;

/// <summary>
/// The whole Functions app run by MedSpa.LocalHost in memory (ASP.NET Core TestServer), on its own SQLite file,
/// with two seeded clinics: the demo clinic and another one, to prove that nothing crosses between them.
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    public const string Demo = "demo.medspa.test";
    public const string Other = "other.medspa.test";
    public const string OtherTenant = "other";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "medspa-api-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private WebApplication? _stripe;
    private HttpMessageHandler? _stripeHandler;
    private WebApplication? _acs;
    private HttpMessageHandler? _acsHandler;
    private WebApplication? _calendars;
    private HttpMessageHandler? _calendarHandler;

    /// <summary>The ACS fake: what the app sent by SMS and email.</summary>
    public MedSpa.Fakes.Acs.AcsFake Acs => Services.GetRequiredService<MedSpa.Fakes.Acs.AcsFake>();

    /// <summary>The practitioners' Google and Microsoft 365 calendars (one fake of both APIs).</summary>
    public MedSpa.Fakes.Calendars.CalendarProvidersFake Calendars => Services.GetRequiredService<MedSpa.Fakes.Calendars.CalendarProvidersFake>();

    /// <summary>Sends what the outbox holds that is due now (as the timer does every ten seconds).</summary>
    public Task<int> SendDueMessagesAsync() => Services.GetRequiredService<Core.Messaging.SendDueMessages>().RunAsync();

    /// <summary>The hourly membership run, as its timer does it: charges what is due, then hands on what it raised.</summary>
    public async Task<int> RenewMembershipsAsync()
    {
        Services.GetRequiredService<DomainEventQueue>().BeginCollecting();
        var tried = await Services.GetRequiredService<Core.Memberships.RenewDueMemberships>().RunAsync();
        await Services.GetRequiredService<Events.DomainEventPublisher>().PublishAsync(Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>(), default);
        return tried;
    }

    public IServiceProvider Services => _app!.Services;

    /// <summary>The app's in-memory server, for clients that make their own connections (the SignalR client).</summary>
    public Microsoft.AspNetCore.TestHost.TestServer Server => _app!.GetTestServer();

    public string DatabasePath => Path.Combine(_dataDir, "medspa.db");

    public string Mode { get; init; } = "local";

    /// <summary>The sign-in authority: the local provider, or an Entra/B2C tenant's (https) in the Azure modes.</summary>
    public string Authority { get; init; } = "http://127.0.0.1:7072";

    public MovableClock Clock { get; } = new();

    /// <summary>Another document store (Cosmos on the emulator) instead of the embedded SQLite one.</summary>
    public Func<IDocumentStore>? StoreFactory { get; init; }

    public async Task InitializeAsync()
    {
        await StartAsync();
        var demo = Services.GetRequiredService<DemoClinic>();
        await demo.SeedAsync(DemoClinic.DemoTenantId, "Demo", Demo, patientCount: 5);
        await demo.SeedAsync(OtherTenant, "Other clinic", Other, patientCount: 3);
    }

    /// <summary>
    /// Stops the app as a crash or a deployment would, and starts it again on the same data (its store and its durable
    /// engine's history): what was waiting must carry on. Clients made before the restart go with the old app.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        SqliteConnection.ClearAllPools();
        await StartAsync();
    }

    private async Task StartAsync()
    {
        _app = LocalFunctionsHost.Build(
            [
                $"--DataDir={_dataDir}",
                $"--Identity:Mode={Mode}",
                $"--Identity:Authority={Authority}",
                "--LocalSignIn:Enabled=false",
                "--LocalAzurite:Enabled=false", // the API suites keep files in the data folder; the blob store has its own suite
                "--Seed:Demo=false",
                "--Store:CheckPlans=true",
                "--Logging:LogLevel:Default=Warning",
                "--StripeFake:Serve=false", // the fake runs on a test server of its own, below
                "--StripeFake:WebhookUrl=http://localhost/api/webhooks/stripe",
                "--AcsFake:Serve=false", // the ACS fake too, below
                "--CalendarFake:Serve=false", // and the Google and Microsoft 365 calendars' fake
                "--AzureWebJobs.SendDueMessages.Disabled=true", // tests send when they choose (SendDueMessagesAsync), never during a read-back
            ],
            typeof(MedSpaApp).Assembly,
            MedSpaApp.Configure,
            builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
                builder.Services.Replace(ServiceDescriptor.Singleton<Stripe.IStripeClient>(sp => new Stripe.StripeClient(
                    sp.GetRequiredService<Infrastructure.Payments.StripeOptions>().SecretKey,
                    httpClient: new Stripe.SystemNetHttpClient(new HttpClient(_stripeHandler ?? throw new InvalidOperationException("The Stripe fake is not started yet."))),
                    apiBase: "http://localhost")));
                builder.Services.Replace(ServiceDescriptor.Singleton<Core.Messaging.IMessageSender>(sp => new Infrastructure.Messaging.AcsMessageSender(
                    new Infrastructure.Messaging.AcsOptions { ConnectionString = sp.GetRequiredService<Fakes.Acs.AcsFakeOptions>().ConnectionString("http://localhost"), SmsFrom = "+18005550100", EmailFrom = "DoNotReply@medspa.local" },
                    sp.GetRequiredService<TimeProvider>(),
                    new Infrastructure.Messaging.AcsClientOptions
                    {
                        Transport = new Azure.Core.Pipeline.HttpClientTransport(new HttpClient(_acsHandler ?? throw new InvalidOperationException("The ACS fake is not started yet."))),
                        Retry = { Delay = TimeSpan.FromMilliseconds(10) },
                    })));
                builder.Services.RemoveAll<Core.Calendars.ICalendarProviderClient>();
                foreach (var connect in new Func<Infrastructure.Calendars.CalendarProviderOptions, HttpClient, Core.Calendars.ICalendarProviderClient>[]
                    { (o, h) => Infrastructure.Calendars.CalendarProviderSetup.Microsoft(o with { BaseUrl = "http://localhost/graph/v1.0" }, h), (o, h) => Infrastructure.Calendars.CalendarProviderSetup.Google(o with { BaseUrl = "http://localhost/google/calendar/v3" }, h) })
                {
                    builder.Services.AddSingleton(sp => connect(new Infrastructure.Calendars.CalendarProviderOptions { AccessToken = sp.GetRequiredService<Fakes.Calendars.CalendarProvidersFakeOptions>().AccessToken },
                        new HttpClient(_calendarHandler ?? throw new InvalidOperationException("The calendar fake is not started yet."))));
                }

                if (StoreFactory is not null)
                {
                    builder.Services.Replace(ServiceDescriptor.Singleton(StoreFactory()));
                }
            });
        await _app.StartAsync();

        // Stripe: the fake on a test server; the app calls it with Stripe.net and it sends its webhooks to the app.
        _stripe = MedSpa.Fakes.Stripe.StripeFakeEndpoints.Build(StripeFake, b => b.WebHost.UseTestServer());
        await _stripe.StartAsync();
        _stripeHandler = _stripe.GetTestServer().CreateHandler();
        Services.GetRequiredService<MedSpa.Fakes.Stripe.StripeWebhookDelivery>().Start(_app.GetTestClient());

        // ACS: the fake on a test server; the app sends to it through its own ACS adapter, signed.
        _acs = MedSpa.Fakes.Acs.AcsFakeEndpoints.Build(Acs, b => b.WebHost.UseTestServer());
        await _acs.StartAsync();
        _acsHandler = _acs.GetTestServer().CreateHandler();

        // Google and Microsoft 365 calendars: one fake on a test server; its notifications come to the app's webhooks.
        _calendars = MedSpa.Fakes.Calendars.CalendarProvidersFakeEndpoints.Build(Calendars, b => b.WebHost.UseTestServer());
        await _calendars.StartAsync();
        _calendarHandler = _calendars.GetTestServer().CreateHandler();
        Calendars.App = _app.GetTestClient();
    }

    /// <summary>An orchestration instance of the clinic (today's summary, started once per clinic and day).</summary>
    public async Task<string> OrchestrationIdAsync(string tenantId) =>
        await Orchestrations.DailyClinicSummary.StartAsync(
            Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>(), tenantId, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);

    private readonly Dictionary<string, string> _appointments = [];

    /// <summary>A treatment series orchestration of the clinic (two sessions of a facial, started once per clinic).</summary>
    public async Task<string> SeriesIdAsync(string tenantId)
    {
        if (_appointments.TryGetValue("series:" + tenantId, out var known))
        {
            return known;
        }

        var setup = await Services.GetRequiredService<Core.Setup.ClinicSetupStore>().LoadAsync(tenantId);
        var location = setup.Locations.OrderBy(l => l.Name).First();
        var desk = new Core.Access.Caller("desk", $"frontdesk@{tenantId}", "Desk", tenantId, Core.Access.Role.FrontDesk);
        var seriesId = $"series-{Guid.NewGuid():N}";
        var instanceId = Orchestrations.TreatmentSeriesBooking.InstanceIdFor(tenantId, seriesId);
        var request = new Core.Series.SeriesRequest($"patient-{tenantId}-0001", setup.Services.First(s => s.Name == "Signature facial").Id, location.Id, null,
            Core.Scheduling.ClinicTime.ToIsoString(DateTimeOffset.UtcNow.AddDays(30), location.TimeZone), 2, 4);
        await Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>().ScheduleNewOrchestrationInstanceAsync(
            Orchestrations.TreatmentSeriesBooking.Name, new Orchestrations.SeriesInput(desk, request, location.TimeZone, seriesId), new Microsoft.DurableTask.StartOrchestrationOptions(instanceId));
        return _appointments["series:" + tenantId] = instanceId;
    }

    /// <summary>A booked appointment of the clinic's first patient (booked once per clinic by its front desk).</summary>
    public async Task<string> AppointmentIdAsync(string tenantId)
    {
        if (_appointments.TryGetValue(tenantId, out var known))
        {
            return known;
        }

        var booked = await BookFirstFreeAsync(tenantId, $"patient-{tenantId}-0000");
        return _appointments[tenantId] = booked.Id;
    }

    private readonly Dictionary<string, string> _charts = [];

    /// <summary>
    /// A chart the suites share per clinic: a draft started by an admin for a visit of its own (the suites cancel the
    /// shared appointment, and a cancelled visit has nothing to chart); the practitioner is whoever the visit is with.
    /// </summary>
    private async Task<string> ChartIdAsync(string tenantId)
    {
        if (_charts.TryGetValue(tenantId, out var known))
        {
            return known;
        }

        var visit = await BookFirstFreeAsync(tenantId, $"patient-{tenantId}-0002", dayOffset: 6);
        var admin = new Core.Access.Caller("suite", $"admin@{tenantId}", "Suite", tenantId, Core.Access.Role.Admin);
        var started = await Services.GetRequiredService<Core.Charts.StartChart>().StartAsync(admin, new(visit.Id, "template-soap"));
        return _charts[tenantId] = started.IsSuccess ? started.Value.Chart.Body.Id : throw new InvalidOperationException($"The suite's chart could not be started: {started.Error.Detail}");
    }

    private readonly Dictionary<(string, string), string> _waitlist = [];

    /// <summary>
    /// A waitlist entry of the clinic's second patient (never the signed-in demo patient's), and an open offer made
    /// from it, written straight to the store. The entry is for a service the suites never cancel, so no orchestration
    /// ever offers it a time while a suite compares snapshots.
    /// </summary>
    private async Task<string> WaitlistIdAsync(string tenantId, string kind)
    {
        if (_waitlist.TryGetValue((tenantId, kind), out var known))
        {
            return known;
        }

        var setup = await Services.GetRequiredService<Core.Setup.ClinicSetupStore>().LoadAsync(tenantId);
        var service = setup.Services.First(s => s.Name == "Lip flip");
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var desk = new Core.Access.Caller("desk", $"frontdesk@{tenantId}", "Desk", tenantId, Core.Access.Role.FrontDesk);
        var joined = await Services.GetRequiredService<Core.Waitlist.JoinWaitlist>().JoinAsync(desk,
            new Core.Waitlist.WaitlistRequest($"patient-{tenantId}-0001", service.Id, location.Id, null, today.AddDays(100).ToString("yyyy-MM-dd"), today.AddDays(101).ToString("yyyy-MM-dd"), null));
        var entry = joined.Value?.Body ?? throw new InvalidOperationException(joined.Error!.Detail);
        var now = Clock.GetUtcNow();
        var offer = await Services.GetRequiredService<Core.Waitlist.WaitlistStore>().AddOfferAsync(
            Core.Waitlist.WaitlistSlotOffer.Make(entry, $"appt-suite-{tenantId}", now.AddDays(100), 1, now.AddDays(365), now));
        _waitlist[(tenantId, "waitlist-entry")] = entry.Id;
        _waitlist[(tenantId, "waitlist-offer")] = offer.Id;
        return _waitlist[(tenantId, kind)];
    }

    /// <summary>Changes the demo clinic's booking policies as its admin would: read, change, PUT with the version read.</summary>
    public async Task SetPoliciesAsync(Action<JsonObject> change)
    {
        var current = await AsAdmin().GetAsync("/api/booking/policies");
        var policies = await current.JsonAsync();
        change(policies);
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/booking/policies") { Content = JsonContent.Create(policies) };
        if (current.Headers.ETag is { } etag && etag.Tag != "\"\"")
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag.Tag);
        }

        var saved = await AsAdmin().SendAsync(request);
        if (saved.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Saving the policies answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Books the first free time of a simple service at the clinic's first location, as its front desk.</summary>
    public async Task<Core.Booking.Appointment> BookFirstFreeAsync(string tenantId, string patientId, string serviceName = "Signature facial", int dayOffset = 1)
    {
        var setup = await Services.GetRequiredService<Core.Setup.ClinicSetupStore>().LoadAsync(tenantId);
        var service = setup.Services.First(s => s.Name == serviceName);
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(dayOffset);
        var found = await Services.GetRequiredService<Core.Booking.FindAvailability>().FindAsync(tenantId,
            new Core.Booking.AvailabilityQuery(service.Id, location.Id, day.ToString("yyyy-MM-dd"), day.AddDays(6).ToString("yyyy-MM-dd"), null), online: false);
        var slot = found.Value!.Slots.First();
        var desk = new Core.Access.Caller("desk", $"frontdesk@{tenantId}", "Desk", tenantId, Core.Access.Role.FrontDesk);
        Services.GetRequiredService<DomainEventQueue>().BeginCollecting(); // as a request does; this shortcut sends no follow-ups (form links)
        var booked = await Services.GetRequiredService<Core.Booking.BookAppointment>().BookAsync(new Core.Booking.Booker(tenantId, desk),
            new Core.Booking.BookingRequest(service.Id, location.Id, slot.Start.ToString("yyyy-MM-ddTHH:mm:ssZ"), null, patientId, null, null, "phone"));
        return booked.Value ?? throw new InvalidOperationException(booked.Error!.Detail);
    }

    private async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_stripe is not null)
        {
            await _stripe.DisposeAsync();
        }

        if (_acs is not null)
        {
            await _acs.DisposeAsync();
        }

        if (_calendars is not null)
        {
            await _calendars.DisposeAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    public HttpClient Anonymous() => _app!.GetTestClient();

    public MedSpa.Fakes.Stripe.StripeFake StripeFake => Services.GetRequiredService<MedSpa.Fakes.Stripe.StripeFake>();

    public MedSpa.Fakes.Stripe.StripeWebhookDelivery StripeWebhooks => Services.GetRequiredService<MedSpa.Fakes.Stripe.StripeWebhookDelivery>();

    /// <summary>The fake as the patient's browser reaches it (Stripe.js's calls, with the publishable key).</summary>
    public HttpClient StripeBrowser()
    {
        var client = _stripe!.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StripeFake.Options.PublishableKey);
        return client;
    }

    /// <summary>The fake as a server reaches it (the secret key).</summary>
    public HttpClient StripeServer()
    {
        var client = _stripe!.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StripeFake.Options.SecretKey);
        return client;
    }

    public HttpClient As(string email)
    {
        var client = _app!.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(email));
        return client;
    }

    public HttpClient AsAdmin() => As($"admin@{Demo}");

    public string TokenFor(string email, TimeSpan? lifetime = null, DateTimeOffset? notBefore = null) =>
        Services.GetRequiredService<DevTokenIssuer>().Issue(email, email, lifetime, notBefore);

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>
    /// Every stored document with its ETag, except the audit log (which records attempts by design) and day summaries
    /// (written in the background by orchestrations that other tests start, not by the request under test).
    /// </summary>
    public List<string> Snapshot() => Rows("container || '/' || pk || '/' || id || '@' || etag");

    /// <summary>Every stored document as "container/pk/id body" (the audit log too): to prove what is, and is not, written down.</summary>
    public List<string> StoredDocuments() => Rows("container || '/' || pk || '/' || id || ' ' || body", everything: true);

    private List<string> Rows(string select, bool everything = false)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {select} FROM documents {(everything ? "" : "WHERE container <> 'audit' AND id NOT LIKE 'summary-%'")} ORDER BY 1";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>The id of the first item of a setup list in a clinic, read straight from the store.</summary>
    public async Task<string> FirstIdAsync(string tenantId, string kind)
    {
        if (kind == "orchestration")
        {
            return await OrchestrationIdAsync(tenantId);
        }

        if (kind == "appointment")
        {
            return await AppointmentIdAsync(tenantId);
        }

        if (kind == "series")
        {
            return await SeriesIdAsync(tenantId);
        }

        if (kind is "waitlist-entry" or "waitlist-offer")
        {
            return await WaitlistIdAsync(tenantId, kind);
        }

        if (kind == "patient")
        {
            // A patient of its own for each suite that asks: they archive and edit what they are given.
            var unique = Guid.NewGuid().ToString("N")[..8];
            var made = await Services.GetRequiredService<PatientStore>().FindOrCreateAsync(tenantId, new NewPatient("Given", $"Patient {unique}", $"given-{unique}@example.com", null));
            return made.IsSuccess ? made.Value.Patient.Id : throw new InvalidOperationException($"The suite's patient could not be made: {made.Error.Detail}");
        }

        if (kind == "chart")
        {
            return await ChartIdAsync(tenantId);
        }

        if (kind == "chart-template")
        {
            // A template of the clinic's own for each suite that asks: they edit what they are given.
            var admin = new Core.Access.Caller("suite", $"admin@{tenantId}", "Suite", tenantId, Core.Access.Role.Admin);
            var added = await Services.GetRequiredService<Core.Charts.AddChartTemplate>().AddAsync(admin, new(
                $"Suite template {Guid.NewGuid():N}"[..30], Core.Charts.ChartTreatment.Soap, Core.Charts.ChartDiagram.None,
                [new Core.Charts.ChartField("notes", "Notes", Core.Charts.ChartFieldType.LongText)]));
            return added.IsSuccess ? added.Value.Id : throw new InvalidOperationException($"The suite's template could not be added: {added.Error.Detail}");
        }

        if (kind == "photo")
        {
            // A photo filed with the suite's chart, added as the clinic's admin.
            var admin = new Core.Access.Caller("suite", $"admin@{tenantId}", "Suite", tenantId, Core.Access.Role.Admin);
            var added = await Services.GetRequiredService<Core.Photos.AddChartPhoto>().AddAsync(admin, await ChartIdAsync(tenantId), "front", MedSpa.Tests.Support.TestPhotos.JpegWithGps());
            return added.IsSuccess ? added.Value.Id : throw new InvalidOperationException($"The suite's photo could not be added: {added.Error.Detail}");
        }

        if (kind == "card")
        {
            // A card on file of the clinic's second patient, saved at the Stripe fake (the suites remove what they are given).
            var customer = await Services.GetRequiredService<Core.Payments.PaymentCustomers>().ForPatientAsync(tenantId, $"patient-{tenantId}-0001");
            var client = new Stripe.StripeClient(StripeFake.Options.SecretKey, httpClient: new Stripe.SystemNetHttpClient(StripeServer()), apiBase: "http://localhost");
            var method = await new Stripe.PaymentMethodService(client).AttachAsync("pm_card_visa", new Stripe.PaymentMethodAttachOptions { Customer = customer });
            await StripeWebhooks.DrainAsync(); // its webhook is stored before the caller takes a snapshot
            return method.Id;
        }

        if (kind == "invoice")
        {
            // A draft sale of its own for each suite, to the clinic's second patient (never the signed-in demo patient).
            var opened = await Services.GetRequiredService<Core.Billing.OpenInvoice>().ForPatientAsync(tenantId, $"admin@{tenantId}", $"patient-{tenantId}-0001");
            return opened.IsSuccess ? opened.Value.Invoice.Id : throw new InvalidOperationException($"The suite's invoice could not be opened: {opened.Error.Detail}");
        }

        if (kind == "form")
        {
            // A published form of its own for each suite: they edit and publish what they are given.
            var admin = new Core.Access.Caller("suite", $"admin@{tenantId}", "Suite", tenantId, Core.Access.Role.Admin);
            var form = await Services.GetRequiredService<Core.Forms.SaveForm>().CreateAsync(admin, Forms.SampleForms.Consent($"Suite form {Guid.NewGuid():N}"));
            return (await Services.GetRequiredService<Core.Forms.PublishForm>().PublishAsync(admin, form.Value!.Id)).Value!.Id;
        }

        var query = new DocumentQuery { PageSize = 1 }.Where("kind", FilterOperator.Equal, kind);
        if (kind == "staff")
        {
            // Never a demo sign-in: suites delete what they are given, and the sign-ins must keep working.
            query = query.Where("role", FilterOperator.Equal, "practitioner").Where("email", FilterOperator.GreaterThan, "m");
        }

        var page = await Store.QueryAsync<JsonObject>(Partitions.Clinic, tenantId, query);
        return page.Items.Single().Id;
    }
}

public static class HttpExtensions
{
    /// <summary>The body as JSON; read as text, so it may be read again.</summary>
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>A refusal as problem+json that names the field at fault.</summary>
    public static async Task ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string field)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync())["errors"]?[field].ShouldNotBeNull($"the problem names {field}");
    }
}
