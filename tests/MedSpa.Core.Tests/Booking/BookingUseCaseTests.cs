using Moq;
using MedSpa.Core.Audit;
using MedSpa.Core.Deposits;

namespace MedSpa.Core.Tests.Booking;

/// <summary>
/// The booking use cases on the in-memory store, without HTTP: what a booking and a cancellation write, and the
/// follow-ups they raise (a held booking needs its deposit; a cancelled one frees its time for the waitlist).
/// </summary>
public sealed class BookingUseCaseTests
{
    private const string Tenant = "clinic-1";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryDocumentStore _store = new();
    private readonly DomainEventQueue _events = new();
    private readonly Clock _clock = new(Now);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private BookAppointment Booking => new(new ClinicSetupStore(_store), Policies, new ResourceLedgerStore(_store), new MedSpa.Core.Calendars.ExternalBusyTimes(new MedSpa.Core.Calendars.CalendarConnectionStore(_store)), new AppointmentStore(_store),
        new PatientStore(_store, _clock, new ClinicSetupStore(_store)), new UserStore(_store), new AuditStore(_store), _events,
        new MedSpa.Core.Forms.FormRequirements(new MedSpa.Core.Forms.FormStore(_store)), CardsOnFile, _clock);

    // No fees in these clinics: the card check never reaches the provider (a strict mock would say if it did).
    private MedSpa.Core.Payments.CardsOnFile CardsOnFile
    {
        get
        {
            var patients = new PatientStore(_store, _clock, new ClinicSetupStore(_store));
            var gateway = new Mock<MedSpa.Core.Payments.IPaymentGateway>(MockBehavior.Strict).Object;
            return new(new PatientAccess(new AppointmentStore(_store), patients, new RecordPrivacyStore(_store, new RecordPrivacyValidator())),
                new MedSpa.Core.Payments.PaymentCustomers(_store, patients, gateway), gateway, _clock);
        }
    }

    private BookingPolicyStore Policies => new(_store, new BookingPoliciesValidator());

    private CancelAppointment Cancel => new(new AppointmentAccess(new AppointmentStore(_store)), new AppointmentStore(_store), new ResourceLedgerStore(_store),
        Policies, new ClinicSetupStore(_store), _events, _clock);

    private static Booker Patient => new(Tenant, new Caller("u-pat", "pat@example.com", "Pat", Tenant, Role.Patient, PatientId: "pat-1"));

    private async Task SeedAsync(DepositRule deposit)
    {
        await _store.CreateAsync(Partitions.Clinic, Tenant, "loc-1", new Location
        {
            Id = "loc-1", TenantId = Tenant, Name = "SoHo", TimeZone = "America/New_York",
            Address = new Address("1 Main St", null, "New York", "NY", "10001", "US"),
            OpeningHours = [.. Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, "09:00", "17:00"))],
        });
        await _store.CreateAsync(Partitions.Clinic, Tenant, "anna", new StaffMember
        {
            Id = "anna", TenantId = Tenant, FirstName = "Anna", LastName = "P", Email = "anna@example.com", Role = StaffRole.Practitioner,
            Practitioner = new PractitionerDetails(),
            WorkingHours = [.. Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours("loc-1", d, "09:00", "17:00"))],
        });
        await _store.CreateAsync(Partitions.Clinic, Tenant, "svc-1", new Service
        {
            Id = "svc-1", TenantId = Tenant, Name = "IPL", DurationMinutes = 60, Price = new Money(40_000, "USD"), Deposit = deposit,
            OnlineBookable = true, PractitionerIds = ["anna"],
        });
        await _store.CreateAsync(Partitions.Patients, Tenant, "pat-1", new Patient { Id = "pat-1", TenantId = Tenant, FirstName = "Pat", LastName = "Patient", Email = "pat@example.com" });
    }

    private static BookingRequest At(string localStart) => new("svc-1", "loc-1", localStart, null, null, null, null, null);

    [Fact]
    public async Task A_booking_that_needs_a_deposit_is_held_and_raises_DepositNeeded_with_the_amount_and_the_hold()
    {
        await SeedAsync(new DepositRule(DepositKind.Fixed, new Money(5_000, "USD")));
        _events.BeginCollecting();

        var booked = await Booking.BookAsync(Patient, At("2026-06-03T10:00:00-04:00"));

        booked.IsSuccess.ShouldBeTrue(booked.Error?.Detail);
        booked.Value.Status.ShouldBe(AppointmentStatus.PendingDeposit);
        _events.TakeAll().ShouldBe([new DepositNeeded(Tenant, booked.Value.Id, new Money(5_000, "USD"), Now.AddMinutes(new BookingPolicies().DepositHoldMinutes))]);
    }

    [Fact]
    public async Task A_booking_without_a_deposit_is_booked_and_raises_only_its_confirmation()
    {
        await SeedAsync(DepositRule.NoDeposit);
        _events.BeginCollecting();

        var booked = await Booking.BookAsync(Patient, At("2026-06-03T10:00:00-04:00"));

        booked.Value?.Status.ShouldBe(AppointmentStatus.Scheduled);
        _events.TakeAll().ShouldBe([new AppointmentBooked(booked.Value!.TenantId, booked.Value.Id)]);
    }

    [Fact]
    public async Task A_refused_booking_writes_nothing_and_raises_nothing()
    {
        await SeedAsync(new DepositRule(DepositKind.Fixed, new Money(5_000, "USD")));
        var writes = _store.Writes;
        _events.BeginCollecting();

        var refused = await Booking.BookAsync(Patient, At("2026-06-03T03:00:00-04:00"));

        refused.Error.ShouldBeOfType<Error.Conflict>();
        _store.Writes.ShouldBe(writes);
        _events.TakeAll().ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelling_frees_the_time_once_and_says_so_a_second_cancel_raises_nothing()
    {
        await SeedAsync(DepositRule.NoDeposit);
        _events.BeginCollecting();
        var booked = (await Booking.BookAsync(Patient, At("2026-06-03T10:00:00-04:00"))).Value!;
        _events.TakeAll();

        var cancelled = await Cancel.CancelAsync(Patient, booked.Id, "Travelling");
        var again = await Cancel.CancelAsync(Patient, booked.Id, null);

        cancelled.Value?.Body.Status.ShouldBe(AppointmentStatus.Cancelled);
        again.IsSuccess.ShouldBeFalse();
        _events.TakeAll().ShouldBe([new AppointmentFreedItsTime(Tenant, booked.Id)]);
    }

    [Fact]
    public async Task The_online_catalog_offers_a_service_only_where_someone_performs_it()
    {
        await SeedAsync(DepositRule.NoDeposit);
        await _store.CreateAsync(Partitions.Clinic, Tenant, "loc-2", new Location
        {
            Id = "loc-2", TenantId = Tenant, Name = "Venice", TimeZone = "America/Los_Angeles",
            Address = new Address("2 Abbot Kinney", null, "Los Angeles", "CA", "90291", "US"),
        });
        var catalog = new OnlineCatalog(new ClinicSetupStore(_store));

        (await catalog.ServicesAsync(Tenant, "loc-1")).Select(s => s.Id).ShouldBe(["svc-1"]);
        (await catalog.ServicesAsync(Tenant, "loc-2")).ShouldBeEmpty();
        (await catalog.PractitionersAsync(Tenant, "svc-1", "loc-2")).ShouldBeEmpty();
        (await catalog.LocationsAsync(Tenant)).Select(l => l.Name).ShouldBe(["SoHo", "Venice"]);
    }
}
