using System.Globalization;

namespace MedSpa.Core.Tests.Scheduling;

/// <summary>
/// Test-data builder for the availability engine. Defaults: a New York clinic open 09:00–17:00 every day, one
/// practitioner "anna" working the same hours, a 60-minute service with no buffers, room or equipment, now =
/// 2026-06-01 00:00 local, default policy. Times are written as local wall-clock strings "yyyy-MM-dd HH:mm".
/// </summary>
internal sealed class Clinic
{
    public const string LocationId = "loc-1";
    public const string ServiceId = "svc-1";

    private readonly List<OpeningHours> opening = [];
    private readonly List<Closure> closures = [];
    private readonly List<StaffMember> staff = [];
    private readonly List<Room> rooms = [];
    private readonly List<Equipment> equipment = [];
    private readonly List<BusyInterval> busy = [];
    private bool customOpening;
    private bool customStaff;
    private Service service = new()
    {
        Id = ServiceId,
        Name = "Facial",
        DurationMinutes = 60,
        Price = new Money(10000, "USD"),
        OnlineBookable = true,
    };

    private string? nowLocal;

    private Clinic(string zone)
    {
        Zone = zone;
        Time = ClinicTime.For(zone);
    }

    public string Zone { get; }

    public ClinicTime Time { get; }

    public BookingPolicy Policy { get; private set; } = BookingPolicy.Default;

    public static Clinic InNewYork() => new("America/New_York");

    public static Clinic In(string zone) => new(zone);

    public static DayOfWeek[] EveryDay { get; } = Enum.GetValues<DayOfWeek>();

    /// <summary>Opening hours; the first call replaces the 09:00–17:00 default. No days given = every day.</summary>
    public Clinic Open(string open, string close, params DayOfWeek[] days)
    {
        if (!customOpening)
        {
            opening.Clear();
            customOpening = true;
        }

        foreach (var day in days.Length == 0 ? EveryDay : days)
        {
            opening.Add(new OpeningHours(day, open, close));
        }

        return this;
    }

    public Clinic ClosedOn(string date)
    {
        closures.Add(new Closure(date, "Holiday"));
        return this;
    }

    /// <summary>Adds a practitioner who performs the service; the first call replaces the default "anna".</summary>
    public Clinic Practitioner(string id, Func<StaffMember, StaffMember>? configure = null, string start = "09:00", string end = "17:00")
    {
        if (!customStaff)
        {
            staff.Clear();
            customStaff = true;
        }

        var member = new StaffMember
        {
            Id = id,
            FirstName = id,
            LastName = "P",
            Role = StaffRole.Practitioner,
            Practitioner = new PractitionerDetails(),
            WorkingHours = [.. EveryDay.Select(d => new WorkingHours(LocationId, d, start, end))],
        };
        service = service with { PractitionerIds = [.. service.PractitionerIds, id] };
        staff.Add(configure is null ? member : configure(member));
        return this;
    }

    /// <summary>Adds a staff member exactly as given (not added to the service's practitioner list).</summary>
    public Clinic Staff(StaffMember member)
    {
        if (!customStaff)
        {
            staff.Clear();
            customStaff = true;
        }

        staff.Add(member);
        return this;
    }

    public Clinic Service(Func<Service, Service> configure)
    {
        service = configure(service);
        return this;
    }

    public Clinic Lasting(int minutes, int bufferBefore = 0, int bufferAfter = 0) =>
        Service(s => s with { DurationMinutes = minutes, BufferBeforeMinutes = bufferBefore, BufferAfterMinutes = bufferAfter });

    public Clinic NeedsRoom(string type) => Service(s => s with { RoomType = type });

    public Clinic NeedsEquipment(params string[] types) => Service(s => s with { EquipmentTypes = types });

    public Clinic Room(string id, string type, string location = LocationId, bool deleted = false, int capacity = 1)
    {
        rooms.Add(new Room { Id = id, Name = id, Type = type, LocationId = location, Deleted = deleted, Capacity = capacity });
        return this;
    }

    public Clinic Unit(string id, string type, string location = LocationId, bool deleted = false, params (string From, string To)[] maintenance)
    {
        equipment.Add(new Equipment
        {
            Id = id,
            Name = id,
            Type = type,
            LocationId = location,
            Deleted = deleted,
            MaintenanceWindows = [.. maintenance.Select(m => new MaintenanceWindow(At(m.From), At(m.To), "Service"))],
        });
        return this;
    }

    /// <summary>The resource is taken from local <paramref name="from"/> for <paramref name="minutes"/>.</summary>
    public Clinic Busy(string resourceId, string from, int minutes)
    {
        var start = At(from);
        busy.Add(new BusyInterval(resourceId, start, start.AddMinutes(minutes)));
        return this;
    }

    public Clinic Busy(BusyInterval interval)
    {
        busy.Add(interval);
        return this;
    }

    public Clinic Now(string local)
    {
        nowLocal = local;
        return this;
    }

    public Clinic WithPolicy(Func<BookingPolicy, BookingPolicy> configure)
    {
        Policy = configure(Policy);
        return this;
    }

    public Location Location => new()
    {
        Id = LocationId,
        Name = "Main street",
        TimeZone = Zone,
        OpeningHours = customOpening ? [.. opening] : [.. EveryDay.Select(d => new OpeningHours(d, "09:00", "17:00"))],
        Closures = [.. closures],
    };

    public IReadOnlyList<StaffMember> StaffList => customStaff ? [.. staff] : [DefaultPractitioner()];

    public AvailabilityRequest Request(string from, string? to = null, string? practitionerId = null) => new(
        Location,
        service with { PractitionerIds = customStaff ? service.PractitionerIds : ["anna"] },
        StaffList,
        [.. rooms],
        [.. equipment],
        [.. busy],
        At(nowLocal ?? "2026-06-01 00:00"),
        Policy,
        Date(from),
        Date(to ?? from),
        practitionerId);

    public IReadOnlyList<Slot> Find(string from, string? to = null, string? practitionerId = null) =>
        AvailabilityEngine.Find(Request(from, to, practitionerId));

    public SlotCheck Check(string localStart, string? practitionerId = null) =>
        AvailabilityEngine.Check(Request(localStart[..10]), At(localStart), practitionerId);

    /// <summary>Local start times of the slots as "HH:mm".</summary>
    public string[] Times(IEnumerable<Slot> slots) => [.. slots.Select(s => Time.LocalDateTime(s.Start).ToString("HH:mm", CultureInfo.InvariantCulture))];

    /// <summary>The instant of a local "yyyy-MM-dd HH:mm" (the earlier one when repeated; throws when skipped).</summary>
    public DateTimeOffset At(string local)
    {
        var value = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return Time.ToInstant(DateOnly.FromDateTime(value), TimeOnly.FromDateTime(value))
            ?? throw new ArgumentException($"{local} does not exist in {Zone}.");
    }

    public static DateOnly Date(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static StaffMember DefaultPractitioner() => new()
    {
        Id = "anna",
        FirstName = "Anna",
        LastName = "P",
        Role = StaffRole.Practitioner,
        Practitioner = new PractitionerDetails(),
        WorkingHours = [.. EveryDay.Select(d => new WorkingHours(LocationId, d, "09:00", "17:00"))],
    };
}
