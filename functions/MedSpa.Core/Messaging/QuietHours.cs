using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Messaging;

/// <summary>
/// No SMS at night in the patient's zone: between <see cref="Start"/> and <see cref="End"/> local time a text waits
/// until the morning (email does not wake anyone, so it goes at once).
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static readonly QuietHours Default = new(new TimeOnly(21, 0), new TimeOnly(8, 0));

    /// <summary>When an SMS may go: now, or the end of the quiet hours it falls in (as a UTC instant).</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset now, string zoneId)
    {
        var clock = ClinicTime.For(zoneId);
        var local = clock.LocalDateTime(now);
        var time = TimeOnly.FromDateTime(local);
        var date = DateOnly.FromDateTime(local);
        var quiet = Start <= End ? time >= Start && time < End : time >= Start || time < End;
        if (!quiet)
        {
            return now;
        }

        var morning = Start > End && time >= Start ? date.AddDays(1) : date;
        return clock.WallClockSpan(morning, End, End).Start; // the first instant the clock reads End, even across a DST gap
    }
}
