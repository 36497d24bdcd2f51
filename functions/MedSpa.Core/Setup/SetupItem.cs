using System.Text.Json.Serialization;

namespace MedSpa.Core.Setup;

/// <summary>
/// What every clinic-setup item shares. Items live in the tenant's clinic partition, told apart by <see cref="Kind"/>;
/// they are soft-deleted because bookings and history refer to them.
/// </summary>
public abstract record SetupItem
{
    public string Id { get; init; } = "";

    public string TenantId { get; init; } = "";

    public bool Deleted { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Stored so one partition can hold every kind of setup item.</summary>
    public abstract string Kind { get; }

    /// <summary>What lists sort by and show.</summary>
    [JsonIgnore]
    public abstract string DisplayName { get; }

    /// <summary>Lower-cased text that list searches match against (stores compare case-sensitively).</summary>
    public string SearchText => string.Join(' ', SearchTerms()).ToLowerInvariant();

    /// <summary>Stored lower-cased for a case-insensitive sort in every store.</summary>
    public string SortName => DisplayName.ToLowerInvariant();

    protected virtual IEnumerable<string?> SearchTerms() => [DisplayName];
}

public sealed record Address(string Line1, string? Line2, string City, string Region, string PostalCode, string Country);

public sealed record OpeningHours(DayOfWeek Day, string Open, string Close);

public sealed record Closure(string Date, string Reason);

public sealed record Location : SetupItem
{
    public string Name { get; init; } = "";

    public string? Phone { get; init; }

    // null! only until the validator, which every write runs, requires it (a missing address is a field error, not a parse error).
    public Address Address { get; init; } = null!;

    public string TimeZone { get; init; } = "";

    public IReadOnlyList<OpeningHours> OpeningHours { get; init; } = [];

    public IReadOnlyList<Closure> Closures { get; init; } = [];

    public override string Kind => "location";

    public override string DisplayName => Name;

    protected override IEnumerable<string?> SearchTerms() => [Name, Address?.City, Address?.Region];
}

/// <summary>Wire names match the directory's role names (admin, frontdesk, practitioner).</summary>
public enum StaffRole
{
    Admin,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("frontdesk")]
    FrontDesk,
    Practitioner,
}

public sealed record Certification(string Name, string ExpiresOn);

public sealed record PractitionerDetails
{
    public string Bio { get; init; } = "";

    public string? PhotoUrl { get; init; }

    public IReadOnlyList<Certification> Certifications { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];
}

public sealed record WorkingHours(string LocationId, DayOfWeek Day, string Start, string End);

/// <summary>
/// A date whose hours differ from the weekly rule at one location: other hours (Start/End), or none at all (both null).
/// Wall-clock at the location, like the weekly hours it replaces for that date.
/// </summary>
public sealed record WorkingException(string Date, string LocationId, string? Start, string? End);

/// <summary>Time off is a span of UTC instants: moments, not weekly rules.</summary>
public sealed record TimeOff(DateTimeOffset Start, DateTimeOffset End, string Reason);

public sealed record StaffMember : SetupItem
{
    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";

    public string Email { get; init; } = "";

    public StaffRole Role { get; init; }

    public PractitionerDetails? Practitioner { get; init; }

    public IReadOnlyList<WorkingHours> WorkingHours { get; init; } = [];

    public IReadOnlyList<TimeOff> TimeOff { get; init; } = [];

    public IReadOnlyList<WorkingException> WorkingExceptions { get; init; } = [];

    public override string Kind => "staff";

    public override string DisplayName => $"{FirstName} {LastName}";

    protected override IEnumerable<string?> SearchTerms() => [FirstName, LastName, Email, .. Practitioner?.Tags ?? []];
}

public enum DepositKind
{
    None,
    Fixed,
    Percent,
}

public sealed record DepositRule(DepositKind Kind, Common.Money? Amount = null, decimal? Percent = null)
{
    public static DepositRule NoDeposit { get; } = new(DepositKind.None);
}

public sealed record Service : SetupItem
{
    public string Name { get; init; } = "";

    public string Category { get; init; } = "";

    public string Description { get; init; } = "";

    public int DurationMinutes { get; init; }

    public int BufferBeforeMinutes { get; init; }

    public int BufferAfterMinutes { get; init; }

    // null! only until the validator, which every write runs, requires it (a missing price is a field error, not a parse error).
    public Common.Money Price { get; init; } = null!;

    public DepositRule Deposit { get; init; } = DepositRule.NoDeposit;

    public string? RoomType { get; init; }

    public IReadOnlyList<string> EquipmentTypes { get; init; } = [];

    public IReadOnlyList<string> RequiredFormIds { get; init; } = [];

    public IReadOnlyList<string> RequiredConsentIds { get; init; } = [];

    public bool OnlineBookable { get; init; }

    public bool RequiresConsultation { get; init; }

    public IReadOnlyList<string> PractitionerIds { get; init; } = [];

    /// <summary>Certifications a practitioner must hold, unexpired on the day, to perform it (e.g. "RN licence").</summary>
    public IReadOnlyList<string> RequiredCertifications { get; init; } = [];

    /// <summary>
    /// Whether <paramref name="staff"/> performs this service: the one rule every reader uses (what patients are shown,
    /// what "any practitioner" books, the waitlist). Only the service's <see cref="PractitionerIds"/> say who performs
    /// it: a staff member does not list services (older documents that did are moved by <see cref="MovePerformersToServices"/>).
    /// </summary>
    public bool IsPerformedBy(StaffMember staff) =>
        !staff.Deleted && staff.Role == StaffRole.Practitioner && (PractitionerIds ?? []).Contains(staff.Id);

    public override string Kind => "service";

    public override string DisplayName => Name;

    protected override IEnumerable<string?> SearchTerms() => [Name, Category];
}

public sealed record Room : SetupItem
{
    public string Name { get; init; } = "";

    public string Type { get; init; } = "";

    public string LocationId { get; init; } = "";

    public int Capacity { get; init; } = 1;

    public override string Kind => "room";

    public override string DisplayName => Name;

    protected override IEnumerable<string?> SearchTerms() => [Name, Type];
}

public sealed record MaintenanceWindow(DateTimeOffset Start, DateTimeOffset End, string Reason);

public sealed record Equipment : SetupItem
{
    public string Name { get; init; } = "";

    public string Type { get; init; } = "";

    public string LocationId { get; init; } = "";

    public IReadOnlyList<MaintenanceWindow> MaintenanceWindows { get; init; } = [];

    public override string Kind => "equipment";

    public override string DisplayName => Name;

    protected override IEnumerable<string?> SearchTerms() => [Name, Type];
}
