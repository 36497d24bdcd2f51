using MedSpa.Core.Scheduling;
using MedSpa.Core.Booking;

namespace MedSpa.Core.Series;

/// <summary>
/// Books one session of a series at its desired time; when that time cannot be had, offers the nearest bookable times
/// within three days either side instead (nothing is booked for them until someone picks one).
/// </summary>
public sealed class BookSeriesSession(BookAppointment booking, FindAvailability availability, AppointmentStore book)
{
    public async Task<SessionOutcome> BookAsync(Booker booker, SeriesRequest series, string timeZone, SeriesSession session, string seriesId, CancellationToken ct = default)
    {
        var desired = ClinicTime.ToIsoString(session.DesiredStart, timeZone);
        var already = (await book.ForPatientAsync(booker.TenantId, series.PatientId ?? "", ct))
            .FirstOrDefault(a => a.VisitId == $"{seriesId}#{session.Number}" && a.HoldsTime);
        if (already is not null)
        {
            // An earlier attempt of this activity booked it: at-least-once delivery must not book twice.
            return new SessionOutcome(session.Number, desired, already.Id, ClinicTime.ToIsoString(already.StartTime, timeZone), [], null);
        }

        // The clinic books series sessions (no deposit is held, so nothing follows up); this runs in an activity.
        var result = await booking.BookWithoutFollowUpsAsync(booker, new BookingRequest(series.ServiceId, series.LocationId, desired, series.PractitionerId, series.PatientId, null,
            $"Session {session.Number} of a series", "admin"), ct, visitId: $"{seriesId}#{session.Number}");
        if (result.IsSuccess)
        {
            return new SessionOutcome(session.Number, desired, result.Value.Id, ClinicTime.ToIsoString(result.Value.StartTime, timeZone), [], null);
        }

        var time = ClinicTime.For(timeZone);
        var day = time.LocalDate(session.DesiredStart);
        var nearby = await availability.FindAsync(booker.TenantId, new AvailabilityQuery(series.ServiceId, series.LocationId,
            day.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), series.PractitionerId), online: false, ct);
        var alternatives = nearby.IsSuccess
            ? nearby.Value.Slots.OrderBy(s => Math.Abs((s.Start - session.DesiredStart).Ticks)).Take(3).OrderBy(s => s.Start).Select(s => ClinicTime.ToIsoString(s.Start, timeZone)).ToList()
            : [];
        return new SessionOutcome(session.Number, desired, null, null, alternatives, result.Error.Detail);
    }
}
