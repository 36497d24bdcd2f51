using System.Collections.Concurrent;
using NodaTime;
using NodaTime.TimeZones;

namespace MedSpa.Core.Scheduling;

/// <summary>
/// The one place that converts between wall-clock time in a location's IANA time zone and UTC instants
/// (NodaTime's TZDB). Rules:
/// <list type="bullet">
/// <item>A local time inside a spring-forward gap does not exist: it has no instant.</item>
/// <item>A local time inside a fall-back overlap happens twice: it has two distinct, equally real instants.</item>
/// <item>A wall-clock span <c>[from, to)</c> on a local date (opening hours, working hours) runs from the first
/// instant the clock reads <c>from</c> (or the end of the gap, if <c>from</c> is skipped) to the last instant the
/// clock reads <c>to</c> (or the end of the gap). So 00:00–04:00 on a fall-back day lasts five real hours and
/// 00:00–06:00 on a spring-forward day lasts five.</item>
/// <item>Hours may end at 24:00 or run overnight into the next date: <see cref="WallClockSpan(DateOnly, int, int)"/> takes
/// minutes from the date's midnight, 1440 and more falling on the next date, under the same rules.</item>
/// </list>
/// Instants come back as <see cref="DateTimeOffset"/> with offset zero (UTC).
/// </summary>
public sealed class ClinicTime
{
    private const int MinutesPerDay = 24 * 60;

    private static readonly ConcurrentDictionary<string, ClinicTime> Cache = new(StringComparer.Ordinal);

    // Start of a span: the earlier instant of a repeated time; the first instant after a gap for a skipped time.
    private static readonly ZoneLocalMappingResolver SpanStart =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    // End of a span: the later instant of a repeated time; the first instant after a gap for a skipped time.
    private static readonly ZoneLocalMappingResolver SpanEnd =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    private ClinicTime(DateTimeZone zone) => Zone = zone;

    /// <summary>The NodaTime zone this clock converts in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The IANA id, e.g. <c>America/New_York</c>.</summary>
    public string ZoneId => Zone.Id;

    /// <summary>The clock of an IANA zone (cached). Throws <see cref="ArgumentException"/> for an unknown zone id.</summary>
    public static ClinicTime For(string zoneId) =>
        TryFor(zoneId) ?? throw new ArgumentException($"Unknown IANA time zone '{zoneId}'.", nameof(zoneId));

    /// <summary>The clock of an IANA zone, or null when the id is not a TZDB zone.</summary>
    public static ClinicTime? TryFor(string? zoneId)
    {
        if (string.IsNullOrWhiteSpace(zoneId))
        {
            return null;
        }

        if (Cache.TryGetValue(zoneId, out var cached))
        {
            return cached;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        return zone is null ? null : Cache.GetOrAdd(zoneId, _ => new ClinicTime(zone));
    }

    /// <summary>True when <paramref name="zoneId"/> is an IANA zone known to TZDB.</summary>
    public static bool IsKnownZone(string? zoneId) => TryFor(zoneId) is not null;

    /// <summary>ISO 8601 with the zone's offset at that instant, e.g. <c>2026-03-08T13:00:00-04:00</c>.</summary>
    public static string ToIsoString(DateTimeOffset instant, string zoneId) => For(zoneId).ToIsoString(instant);

    /// <summary>The local calendar date of an instant in the zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant)
    {
        var date = ToZoned(instant).Date;
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    /// <summary>The local wall-clock date and time of an instant in the zone.</summary>
    public DateTime LocalDateTime(DateTimeOffset instant) =>
        ToZoned(instant).LocalDateTime.ToDateTimeUnspecified();

    /// <summary>The instant with the zone's offset at that instant (same moment, local clock reading).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => ToZoned(instant).ToDateTimeOffset();

    /// <summary>The zone's UTC offset at an instant.</summary>
    public TimeSpan OffsetAt(DateTimeOffset instant) =>
        Zone.GetUtcOffset(Instant.FromDateTimeOffset(instant)).ToTimeSpan();

    /// <summary>ISO 8601 with the local offset, e.g. <c>2026-03-08T13:00:00-04:00</c>; fractions of a second only when present.</summary>
    public string ToIsoString(DateTimeOffset instant) =>
        ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>The first instant of a local date (usually local midnight; later when midnight is skipped by DST).</summary>
    public DateTimeOffset StartOfDay(DateOnly date) =>
        Zone.AtStartOfDay(ToLocalDate(date)).ToDateTimeOffset().ToUniversalTime();

    /// <summary>The end (exclusive) of a local date: the first instant of the next date.</summary>
    public DateTimeOffset EndOfDay(DateOnly date) => StartOfDay(date.AddDays(1));

    /// <summary>
    /// Every instant at which the wall clock on <paramref name="date"/> reads <paramref name="time"/>, earliest first:
    /// none in a spring-forward gap, two in a fall-back overlap, otherwise one.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> Candidates(DateOnly date, TimeOnly time)
    {
        var mapping = Zone.MapLocal(ToLocalDateTime(date, time));
        return mapping.Count switch
        {
            0 => [],
            1 => [Utc(mapping.First())],
            _ => [Utc(mapping.First()), Utc(mapping.Last())],
        };
    }

    /// <summary>
    /// The instant of a local date and time: null when the time is skipped (spring-forward gap); the earlier of the two
    /// when it is repeated (fall-back overlap; use <see cref="Candidates"/> to get both).
    /// </summary>
    public DateTimeOffset? ToInstant(DateOnly date, TimeOnly time)
    {
        var mapping = Zone.MapLocal(ToLocalDateTime(date, time));
        return mapping.Count == 0 ? null : Utc(mapping.First());
    }

    /// <summary>
    /// The real time during which the wall clock on <paramref name="date"/> reads from <paramref name="from"/> up to
    /// <paramref name="to"/> (opening hours, working hours). See the class remarks for gaps and overlaps.
    /// When <paramref name="to"/> is not after <paramref name="from"/> the span is empty (Start == End).
    /// </summary>
    public (DateTimeOffset Start, DateTimeOffset End) WallClockSpan(DateOnly date, TimeOnly from, TimeOnly to)
    {
        var (start, end) = SpanTicks(date, from, to);
        return (new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero));
    }

    /// <summary>
    /// The real time of a wall-clock range given in minutes from the local midnight that starts <paramref name="date"/>:
    /// minutes of 1440 and more fall on the following date, so <c>(18:00, 25:00)</c> is an evening running to 01:00 the
    /// next morning and <c>(09:00, 24:00)</c> runs to midnight. Same rules as <see cref="WallClockSpan(DateOnly, TimeOnly, TimeOnly)"/>:
    /// from the first instant the clock reads the start to the last instant it reads the end (a skipped reading
    /// resolves to the end of its gap). When <paramref name="toMinute"/> is not after <paramref name="fromMinute"/> the
    /// span is empty (Start == End).
    /// </summary>
    public (DateTimeOffset Start, DateTimeOffset End) WallClockSpan(DateOnly date, int fromMinute, int toMinute)
    {
        var (start, end) = SpanTicks(date, fromMinute, toMinute);
        return (new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero));
    }

    /// <summary>UTC ticks of a wall-clock span; the hot-path form of <see cref="WallClockSpan(DateOnly, TimeOnly, TimeOnly)"/>.</summary>
    internal (long Start, long End) SpanTicks(DateOnly date, TimeOnly from, TimeOnly to)
    {
        var localDate = ToLocalDate(date);
        long start = UtcTicks(Zone.ResolveLocal(localDate + ToLocalTime(from), SpanStart));
        if (to <= from)
        {
            return (start, start);
        }

        long end = UtcTicks(Zone.ResolveLocal(localDate + ToLocalTime(to), SpanEnd));
        return (start, Math.Max(start, end));
    }

    /// <summary>UTC ticks of a wall-clock range in minutes from the date's midnight (see <see cref="WallClockSpan(DateOnly, int, int)"/>).</summary>
    internal (long Start, long End) SpanTicks(DateOnly date, int fromMinute, int toMinute)
    {
        var localDate = ToLocalDate(date);
        long start = UtcTicks(Zone.ResolveLocal(At(localDate, fromMinute), SpanStart));
        if (toMinute <= fromMinute)
        {
            return (start, start);
        }

        long end = UtcTicks(Zone.ResolveLocal(At(localDate, toMinute), SpanEnd));
        return (start, Math.Max(start, end));
    }

    /// <summary>
    /// UTC ticks of a local date and a minute counted from its midnight (1440 and more: the following date): writes 0,
    /// 1 or 2 instants (earliest first) and returns the count.
    /// </summary>
    internal int MapTicks(DateOnly date, int minute, Span<long> into)
    {
        var mapping = Zone.MapLocal(At(ToLocalDate(date), minute));
        if (mapping.Count == 0)
        {
            return 0;
        }

        into[0] = UtcTicks(mapping.First());
        if (mapping.Count == 1)
        {
            return 1;
        }

        into[1] = UtcTicks(mapping.Last());
        return 2;
    }

    /// <summary>Local date and minute of day (plus whether the reading is whole minutes) of an instant in UTC ticks.</summary>
    internal (DateOnly Date, int MinuteOfDay, bool WholeMinute) LocalReading(long utcTicks)
    {
        var local = Instant.FromUnixTimeTicks(utcTicks - DateTime.UnixEpoch.Ticks).InZone(Zone).LocalDateTime;
        bool whole = local.Second == 0 && local.TickOfSecond == 0;
        return (new DateOnly(local.Year, local.Month, local.Day), (local.Hour * 60) + local.Minute, whole);
    }

    private ZonedDateTime ToZoned(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(Zone);

    private static DateTimeOffset Utc(ZonedDateTime zoned) => new(UtcTicks(zoned), TimeSpan.Zero);

    private static long UtcTicks(ZonedDateTime zoned) => zoned.ToInstant().ToUnixTimeTicks() + DateTime.UnixEpoch.Ticks;

    private static LocalDate ToLocalDate(DateOnly date) => new(date.Year, date.Month, date.Day);

    private static LocalTime ToLocalTime(TimeOnly time) => LocalTime.FromTicksSinceMidnight(time.Ticks);

    private static LocalDateTime ToLocalDateTime(DateOnly date, TimeOnly time) => ToLocalDate(date) + ToLocalTime(time);

    // A local date plus a non-negative number of wall-clock minutes (days roll over: 1500 is 01:00 the next date).
    private static LocalDateTime At(LocalDate date, int minute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minute);
        var day = minute >= MinutesPerDay ? date.PlusDays(minute / MinutesPerDay) : date;
        int inDay = minute % MinutesPerDay;
        return day + new LocalTime(inDay / 60, inDay % 60);
    }
}
