namespace MedSpa.Core.Booking;

/// <summary>
/// A resource's hold on time for one booking: the occupied span (service plus buffers). Until the booking is live the
/// claim carries an expiry, so a claim left behind by a crash between two claims frees itself.
/// </summary>
public sealed record Claim(string BookingId, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? ExpiresAt)
{
    public bool IsLive(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Start < end && start < End;
}

/// <summary>
/// One resource (practitioner, room or device) on one local day at one location: every claim on its time.
/// Changed only by replace-if-match, so two bookings can never both win the same time — on any store.
/// </summary>
public sealed record ResourceLedger
{
    public string TenantId { get; init; } = "";

    public string LocationId { get; init; } = "";

    public string ResourceId { get; init; } = "";

    /// <summary>The local date at the location (yyyy-MM-dd).</summary>
    public string Date { get; init; } = "";

    public IReadOnlyList<Claim> Claims { get; init; } = [];

    public string Kind => "ledger";

    public static string IdFor(string resourceId, string date) => $"ledger:{resourceId}:{date}";

    public static string PartitionFor(string tenantId, string locationId, string date) => $"{tenantId}:{locationId}:{date}";

    /// <summary>The claim that stands in the way of this one, if any. Expired claims and the booking's own claim never do.</summary>
    public Claim? ConflictWith(Claim wanted, DateTimeOffset now) =>
        Claims.FirstOrDefault(c => c.BookingId != wanted.BookingId && c.IsLive(now) && c.Overlaps(wanted.Start, wanted.End));

    /// <summary>Adds or replaces the booking's claim and drops expired claims (housekeeping on every write).</summary>
    public ResourceLedger With(Claim claim, DateTimeOffset now) =>
        this with { Claims = [.. Claims.Where(c => c.BookingId != claim.BookingId && c.IsLive(now)), claim] };

    public ResourceLedger Without(string bookingId) => this with { Claims = [.. Claims.Where(c => c.BookingId != bookingId)] };

    public bool Holds(string bookingId) => Claims.Any(c => c.BookingId == bookingId);
}
