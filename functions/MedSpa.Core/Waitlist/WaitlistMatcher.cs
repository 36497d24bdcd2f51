using FluentValidation;

namespace MedSpa.Core.Waitlist;

/// <summary>A time a cancellation freed: the freed booking's service, location, practitioner and start (with the location's offset).</summary>
/// <param name="Start">The start as local wall-clock time at the location, with its UTC offset (so it is an instant too).</param>
/// <param name="FreedByPatientId">The patient whose booking it was: they are not offered their own time back.</param>
public sealed record FreedSlot(string ServiceId, string LocationId, string PractitionerId, DateTimeOffset Start, string? FreedByPatientId = null);

/// <summary>Which waitlisted patients a freed time suits, best first. Pure: data in, data out.</summary>
public static class WaitlistMatcher
{
    /// <summary>
    /// The waiting entries the freed time suits: same service and location, the practitioner they asked for (or any),
    /// the local date inside their range and a part of the day they can come. Those who named this practitioner come
    /// before those who take anyone, then the earliest to join; one entry per patient.
    /// </summary>
    public static IReadOnlyList<WaitlistEntry> Rank(IEnumerable<WaitlistEntry> entries, FreedSlot slot, DateTimeOffset now)
    {
        if (slot.Start <= now)
        {
            return [];
        }

        var date = DateOnly.FromDateTime(slot.Start.DateTime);
        var part = DayParts.Of(TimeOnly.FromDateTime(slot.Start.DateTime));
        return entries
            .Where(e => e.Status == WaitlistStatus.Active
                && e.ServiceId == slot.ServiceId
                && e.LocationId == slot.LocationId
                && (e.PractitionerId is null || e.PractitionerId == slot.PractitionerId)
                && e.FromDate <= date && date <= e.ToDate
                && e.TimesOfDay.Contains(part)
                && e.PatientId != slot.FreedByPatientId)
            .OrderBy(e => e.PractitionerId is null ? 1 : 0)
            .ThenBy(e => e.CreatedAt)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .DistinctBy(e => e.PatientId)
            .ToList();
    }
}
