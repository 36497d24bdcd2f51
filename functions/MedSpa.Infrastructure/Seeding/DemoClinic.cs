using Bogus;
using MedSpa.Core.Access;
using MedSpa.Core.Common;
using MedSpa.Core.Patients;
using MedSpa.Core.Setup;

namespace MedSpa.Infrastructure.Seeding;

/// <summary>
/// A realistic demo clinic, so the running system looks alive: two locations in different time zones, rooms and
/// devices, ~25 med-spa services, 8 practitioners and ~200 patients. Seeded through the same use cases the API uses,
/// so every seeded item is valid. Idempotent: a marker document says the clinic is there.
/// </summary>
public sealed class DemoClinic(
    IDocumentStore store,
    UserStore directory,
    ClinicStore clinics,
    SetupStore<Location> locations,
    SetupStore<Room> rooms,
    SetupStore<Equipment> equipment,
    SetupStore<Service> services,
    SetupStore<StaffMember> staff,
    DemoForms forms,
    TimeProvider clock)
{
    public const string DemoTenantId = "demo";

    public sealed record Marker(string TenantId, string Name, DateTimeOffset SeededAt);

    public async Task<bool> SeedAsync(string tenantId, string clinicName, string emailDomain, int patientCount = 200, CancellationToken ct = default)
    {
        if (await store.ReadAsync<Marker>(Partitions.Clinic, tenantId, "tenant", ct) is not null)
        {
            return false;
        }

        var admin = new Caller("seed", $"admin@{emailDomain}", "Seeder", tenantId, Role.Admin);
        var newYork = await Create(locations, admin, Location("SoHo", "120 Spring St", "New York", "NY", "10012", "America/New_York", "(212) 555-0140"), ct);
        var losAngeles = await Create(locations, admin, Location("Venice", "1420 Abbot Kinney Blvd", "Los Angeles", "CA", "90291", "America/Los_Angeles", "(310) 555-0190"), ct);

        foreach (var location in new[] { newYork, losAngeles })
        {
            foreach (var (name, type, capacity) in new[] { ("Treatment Room 1", "treatment", 1), ("Treatment Room 2", "treatment", 1), ("Laser Suite", "laser", 1), ("IV Lounge", "iv", 4), ("Consult Room", "consultation", 2), ("Facial Studio", "facial", 1) })
            {
                await Create(rooms, admin, new Room { Name = name, Type = type, LocationId = location.Id, Capacity = capacity }, ct);
            }

            foreach (var (name, type) in new[] { ("Candela GentleMax Pro", "laser-hair-removal"), ("Lumenis M22", "ipl"), ("InMode Morpheus8", "rf-microneedling"), ("HydraFacial Syndeo", "hydrafacial"), ("Fraxel Dual", "fractional-laser") })
            {
                await Create(equipment, admin, new Equipment { Name = name, Type = type, LocationId = location.Id }, ct);
            }
        }

        var required = await forms.SeedAsync(admin, ct);
        var catalog = new List<Service>();
        foreach (var service in Services())
        {
            var needs = required.GetValueOrDefault(service.Category);
            catalog.Add(await Create(services, admin, service with { RequiredFormIds = needs?.FormIds ?? [], RequiredConsentIds = needs?.ConsentIds ?? [] }, ct));
        }

        var team = Team(emailDomain);
        for (var i = 0; i < team.Count; i++)
        {
            var (first, last, email, role, categories, tags) = team[i];
            var home = i % 2 == 0 ? newYork : losAngeles;
            var member = new StaffMember
            {
                FirstName = first,
                LastName = last,
                Email = email,
                Role = role,
                Practitioner = role == StaffRole.Practitioner
                    ? new PractitionerDetails
                    {
                        Bio = $"{first} specialises in {string.Join(", ", categories).ToLowerInvariant()}.",
                        Certifications = [new Certification("Board certification", "2027-06-30"), new Certification("BLS", "2026-03-31")],
                        Tags = tags,
                    }
                    : null,
                WorkingHours = WeekdayHours(home.Id, i % 3 == 0 ? "08:00" : "10:00", i % 3 == 0 ? "16:00" : "19:00"),
            };
            var saved = await Create(staff, admin, member, ct);
            if (role == StaffRole.Practitioner)
            {
                // Who performs a service is stored on the service alone; the services exist already, so each practitioner
                // is added to the services of their categories once they have an id.
                foreach (var service in catalog.Where(s => categories.Contains(s.Category)))
                {
                    var current = (await services.GetAsync(admin, service.Id, ct)).Value!;
                    var updated = await services.UpdateAsync(admin, service.Id, current.Body with { PractitionerIds = [.. current.Body.PractitionerIds, saved.Id] }, current.ETag, ct);
                    if (!updated.IsSuccess)
                    {
                        throw new InvalidOperationException($"Demo service '{service.Name}' could not take practitioner '{saved.DisplayName}': {Describe(updated.Error!)}");
                    }
                }
            }
        }

        await SeedPatientsAsync(tenantId, emailDomain, patientCount, ct);
        await store.CreateAsync(Partitions.Clinic, tenantId, MedSpa.Core.Billing.BillingSettings.DocumentId, DemoBilling(tenantId, newYork.Id, losAngeles.Id), ct);
        await clinics.RegisterAsync(new ClinicEntry(tenantId, clinicName, clock.GetUtcNow()), ct);
        await store.CreateAsync(Partitions.Clinic, tenantId, "tenant", new Marker(tenantId, clinicName, clock.GetUtcNow()), ct);
        return true;
    }

    private async Task SeedPatientsAsync(string tenantId, string emailDomain, int count, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var faker = new Faker<Patient>("en")
            .UseSeed(20261122)
            .RuleFor(p => p.FirstName, f => f.Name.FirstName())
            .RuleFor(p => p.LastName, f => f.Name.LastName())
            .RuleFor(p => p.Email, (f, p) => f.Internet.Email(p.FirstName, p.LastName, "example.com").ToLowerInvariant())
            .RuleFor(p => p.Phone, f => CallableNumber(f.Phone.PhoneNumber("(###) 555-####")))
            .RuleFor(p => p.DateOfBirth, f => DateOnly.FromDateTime(f.Date.Past(50, new DateTime(2005, 1, 1))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var patients = faker.Generate(count);
        patients[0] = patients[0] with { FirstName = "Pat", LastName = "Patient", Email = $"patient@{emailDomain}" };
        for (var i = 0; i < patients.Count; i++)
        {
            var patient = patients[i] with { Id = $"patient-{tenantId}-{i:D4}", TenantId = tenantId, CreatedAt = now, UpdatedAt = now };
            await store.CreateAsync(Partitions.Patients, tenantId, patient.Id, patient, ct);
        }

        await directory.LinkAsync(new DirectoryEntry($"patient@{emailDomain}", tenantId, Role.Patient, "Pat Patient", PatientId: $"patient-{tenantId}-0000"), ct);
    }

    /// <summary>Each location's sales tax on retail (New York City's, Los Angeles'), and a price list the desk picks from at checkout.</summary>
    private static MedSpa.Core.Billing.BillingSettings DemoBilling(string tenantId, string newYorkId, string losAngelesId) => new MedSpa.Core.Billing.BillingSettings
    {
        TaxRates =
        [
            new MedSpa.Core.Billing.TaxRate("ny-sales", "NY sales tax", 8.875m, [newYorkId]),
            new MedSpa.Core.Billing.TaxRate("ca-sales", "CA sales tax", 9.5m, [losAngelesId]),
        ],
        Products =
        [
            new("botox", "Botox", MedSpa.Core.Billing.ProductKind.Neurotoxin, new Money(1_400, "USD"), Taxable: false),
            new("xeomin", "Xeomin", MedSpa.Core.Billing.ProductKind.Neurotoxin, new Money(1_200, "USD"), Taxable: false),
            new("juvederm-ultra", "Juvederm Ultra", MedSpa.Core.Billing.ProductKind.Filler, new Money(65_000, "USD"), Taxable: false),
            new("vitamin-c-serum", "Vitamin C serum", MedSpa.Core.Billing.ProductKind.Retail, new Money(8_900, "USD"), Taxable: true),
            new("spf-50", "Mineral SPF 50", MedSpa.Core.Billing.ProductKind.Retail, new Money(4_500, "USD"), Taxable: true),
        ],
        MembershipPlans =
        [
            new("glow", "Glow membership", new Money(9_900, "USD"), MedSpa.Core.Memberships.MembershipInterval.Monthly, "A signature facial every month, and 10% off skincare."),
            new("vip-year", "VIP year", new Money(120_000, "USD"), MedSpa.Core.Memberships.MembershipInterval.Yearly, "Twelve facials, priority booking and 15% off injectables."),
        ],
        DeskRefundLimit = 10_000,
    }.ForClinic(tenantId);

    /// <summary>
    /// A demo number that can be stored as a real one is: in E.164, in an area code in use, in the 555-01xx range kept for
    /// fiction. Made from the faker's digits, so the faker draws as before and every other demo value stays the same.
    /// </summary>
    private static string CallableNumber(string drawn)
    {
        string[] areas = ["212", "310", "415", "646", "718", "917"];
        var digits = new string([.. drawn.Where(char.IsAsciiDigit)]);
        return $"+1{areas[int.Parse(digits[..3], System.Globalization.CultureInfo.InvariantCulture) % areas.Length]}55501{digits[^2..]}";
    }

    /// <summary>The people who can sign in to the local provider: the demo staff and the demo patient.</summary>
    /// <summary>
    /// The local provider's accounts: the team, the demo patient, and a newcomer no clinic knows yet (to try being a new
    /// patient: the desk registers her and gives her online access, or she registers while booking).
    /// </summary>
    public static IReadOnlyList<object> SignInUsers(string emailDomain) =>
        [.. Team(emailDomain).Select(t => new { t.Email, Name = $"{t.First} {t.Last}" }), new { Email = $"patient@{emailDomain}", Name = "Pat Patient" },
            new { Email = $"new.patient@{emailDomain}", Name = "Nina Newman" }];

    private static async Task<T> Create<T>(SetupStore<T> catalog, Caller admin, T item, CancellationToken ct)
        where T : SetupItem
    {
        var result = await catalog.CreateAsync(admin, item, ct);
        return result.IsSuccess ? result.Value!.Body : throw new InvalidOperationException($"Demo {item.Kind} '{item.DisplayName}' is invalid: {Describe(result.Error!)}");
    }

    private static string Describe(Error error) => error is Error.Invalid invalid
        ? string.Join("; ", invalid.FieldErrors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))
        : error.Detail;

    private static Location Location(string name, string line1, string city, string region, string postal, string zone, string phone) => new()
    {
        Name = name,
        Phone = phone,
        Address = new Address(line1, null, city, region, postal, "US"),
        TimeZone = zone,
        OpeningHours = [.. Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday)
            .Select(d => new OpeningHours(d, d == DayOfWeek.Saturday ? "09:00" : "08:00", d == DayOfWeek.Saturday ? "16:00" : "20:00"))],
        Closures = [new Closure("2026-12-25", "Christmas Day"), new Closure("2027-01-01", "New Year's Day")],
    };

    private static List<WorkingHours> WeekdayHours(string locationId, string start, string end) =>
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(d => new WorkingHours(locationId, d, start, end))];

    private static List<(string First, string Last, string Email, StaffRole Role, string[] Categories, string[] Tags)> Team(string domain) =>
    [
        ("Avery", "Admin", $"admin@{domain}", StaffRole.Admin, [], []),
        ("Frankie", "Desk", $"frontdesk@{domain}", StaffRole.FrontDesk, [], []),
        ("Isabel", "Injector", $"injector@{domain}", StaffRole.Practitioner, ["Neurotoxin", "Dermal filler", "Consultation"], ["injectables", "np"]),
        ("Marcus", "Reyes", $"marcus.reyes@{domain}", StaffRole.Practitioner, ["Neurotoxin", "Dermal filler"], ["injectables", "rn"]),
        ("Priya", "Natarajan", $"priya.natarajan@{domain}", StaffRole.Practitioner, ["Laser", "Consultation"], ["laser"]),
        ("Chloe", "Bennett", $"chloe.bennett@{domain}", StaffRole.Practitioner, ["Facial", "Chemical peel"], ["esthetics"]),
        ("Daniel", "Okafor", $"daniel.okafor@{domain}", StaffRole.Practitioner, ["IV therapy"], ["iv", "rn"]),
        ("Sofia", "Marin", $"sofia.marin@{domain}", StaffRole.Practitioner, ["Microneedling", "Chemical peel", "Facial"], ["esthetics"]),
        ("Hannah", "Kim", $"hannah.kim@{domain}", StaffRole.Practitioner, ["Laser", "Microneedling"], ["laser"]),
        ("Dr. Elena", "Voss", $"elena.voss@{domain}", StaffRole.Practitioner, ["Neurotoxin", "Dermal filler", "Laser", "Consultation"], ["injectables", "md"]),
    ];

    private static IEnumerable<Service> Services()
    {
        static Service S(string name, string category, int minutes, long dollars, string? room, string[]? equipment = null, int before = 0, int after = 10, DepositRule? deposit = null, bool consult = false, string description = "") => new()
        {
            Name = name,
            Category = category,
            Description = description.Length > 0 ? description : $"{name} at MedSpa.",
            DurationMinutes = minutes,
            BufferBeforeMinutes = before,
            BufferAfterMinutes = after,
            Price = new Money(dollars * 100, "USD"),
            Deposit = deposit ?? DepositRule.NoDeposit,
            RoomType = room,
            EquipmentTypes = equipment ?? [],
            OnlineBookable = true,
            RequiresConsultation = consult,
        };

        var fixed50 = new DepositRule(DepositKind.Fixed, new Money(5000, "USD"));
        var percent20 = new DepositRule(DepositKind.Percent, Percent: 20);
        return
        [
            S("Botox – one area", "Neurotoxin", 30, 350, "treatment", description: "Softens forehead lines, frown lines or crow's feet."),
            S("Botox – three areas", "Neurotoxin", 45, 850, "treatment", deposit: fixed50),
            S("Dysport", "Neurotoxin", 30, 400, "treatment"),
            S("Xeomin", "Neurotoxin", 30, 380, "treatment"),
            S("Lip flip", "Neurotoxin", 15, 150, "treatment"),
            S("Lip filler", "Dermal filler", 45, 750, "treatment", deposit: fixed50, consult: true),
            S("Cheek filler", "Dermal filler", 60, 900, "treatment", deposit: percent20, consult: true),
            S("Jawline contouring", "Dermal filler", 60, 1200, "treatment", deposit: percent20, consult: true),
            S("Tear trough filler", "Dermal filler", 45, 950, "treatment", deposit: percent20, consult: true),
            S("Laser hair removal – small area", "Laser", 15, 150, "laser", ["laser-hair-removal"], after: 5),
            S("Laser hair removal – large area", "Laser", 45, 450, "laser", ["laser-hair-removal"]),
            S("IPL photofacial", "Laser", 45, 400, "laser", ["ipl"], deposit: fixed50),
            S("Fractional laser resurfacing", "Laser", 90, 1500, "laser", ["fractional-laser"], before: 15, after: 15, deposit: percent20, consult: true),
            S("Superficial chemical peel", "Chemical peel", 30, 150, "facial"),
            S("VI Peel", "Chemical peel", 45, 350, "facial"),
            S("Medium-depth peel", "Chemical peel", 60, 500, "facial", deposit: fixed50, consult: true),
            S("Microneedling", "Microneedling", 60, 350, "treatment", before: 15),
            S("RF microneedling (Morpheus8)", "Microneedling", 90, 1200, "treatment", ["rf-microneedling"], before: 30, deposit: percent20),
            S("PRP microneedling", "Microneedling", 90, 750, "treatment", before: 15, deposit: fixed50),
            S("HydraFacial", "Facial", 60, 250, "facial", ["hydrafacial"]),
            S("Signature facial", "Facial", 60, 180, "facial"),
            S("Dermaplaning", "Facial", 30, 120, "facial"),
            S("Myers' cocktail IV", "IV therapy", 45, 200, "iv", after: 15),
            S("NAD+ IV", "IV therapy", 120, 600, "iv", after: 15, deposit: fixed50),
            S("Aesthetic consultation", "Consultation", 30, 0, "consultation", after: 0),
            S("Laser consultation", "Consultation", 20, 0, "consultation", after: 0),
        ];
    }
}
