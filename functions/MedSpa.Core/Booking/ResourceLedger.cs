namespace MedSpa.Core.Booking;

/// <summary>
/// A resource's hold on time for one booking: the occupied span (service plus buffers). Until the booking is live the
/// claim carries an expiry, so a claim left behind by a crash between two claims frees itself.
/// </summary>
/// <param name="Overlay">Staff double-booked this resource on purpose: the claim sits on top of others instead of refusing them.</param>
public sealed record Claim(string BookingId, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? ExpiresAt, bool Overlay = false)
{
    public bool IsLive(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Start < end && start < End;

    /// <summary>Claim ids are "{appointmentId}@{span}"; this tells whether the claim is one of the appointment's.</summary>
    public bool IsFor(string appointmentId) => BookingId.StartsWith(appointmentId + "@", StringComparison.Ordinal);
}

/// <summary>
/// One resource (practitioner, room or device) on one UTC day: every claim on its time that touches that day.
/// Changed only by replace-if-match, so two bookings can never both win the same time — on any store.
/// Keyed by UTC day, not local day, so a practitioner who works at two locations in two time zones still has one
/// ledger per instant; a span crossing UTC midnight claims both days.
/// </summary>
public sealed record ResourceLedger
{
    public string TenantId { get; init; } = "";

    public string ResourceId { get; init; } = "";

    /// <summary>The UTC date (yyyy-MM-dd).</summary>
    public string Date { get; init; } = "";

    public IReadOnlyList<Claim> Claims { get; init; } = [];

    public string Kind => "ledger";

    public static string IdFor(string resourceId, string date) => $"ledger:{resourceId}:{date}";

    /// <summary>All of a clinic's ledgers for one UTC day share a partition: availability reads a day in one query.</summary>
    public static string PartitionFor(string tenantId, string date) => $"{tenantId}:{date}";

    /// <summary>The UTC days a span touches (one, or two across midnight; more only for absurd spans).</summary>
    public static IEnumerable<string> DaysOf(DateTimeOffset start, DateTimeOffset end)
    {
        for (var day = DateOnly.FromDateTime(start.UtcDateTime); day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) < end.UtcDateTime; day = day.AddDays(1))
        {
            yield return day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The claim that stands in the way of this one, if any. Expired claims and the booking's own claim never do.</summary>
    public Claim? ConflictWith(Claim wanted, DateTimeOffset now) =>
        wanted.Overlay ? null : Claims.FirstOrDefault(c => c.BookingId != wanted.BookingId && c.IsLive(now) && c.Overlaps(wanted.Start, wanted.End));

    /// <summary>Adds or replaces the booking's claim and drops expired claims (housekeeping on every write).</summary>
    public ResourceLedger With(Claim claim, DateTimeOffset now) =>
        this with { Claims = [.. Claims.Where(c => c.BookingId != claim.BookingId && c.IsLive(now)), claim] };

    public ResourceLedger Without(string bookingId) => this with { Claims = [.. Claims.Where(c => c.BookingId != bookingId)] };

    public bool Holds(string bookingId) => Claims.Any(c => c.BookingId == bookingId);
}
