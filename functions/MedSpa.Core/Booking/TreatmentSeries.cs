using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Booking;

/// <summary>A course of sessions (e.g. 4 microneedling sessions, 4 weeks apart) for one patient.</summary>
public sealed record SeriesRequest(string? PatientId, string? ServiceId, string? LocationId, string? PractitionerId, string? FirstStartTime, int Sessions, int IntervalWeeks);

public sealed record SeriesSession(int Number, DateTimeOffset DesiredStart);

/// <summary>What happened to one session: booked, or the nearest times that could be booked instead.</summary>
public sealed record SessionOutcome(int Number, string DesiredStart, string? AppointmentId, string? BookedStart, IReadOnlyList<string> Alternatives, string? Problem);

public static class SeriesPlan
{
    public const int MaxSessions = 12;
    public const int MaxIntervalWeeks = 26;

    public static Result<SeriesRequest> Validate(SeriesRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("patientId", request.PatientId), ("serviceId", request.ServiceId), ("locationId", request.LocationId) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
            {
                errors[field] = ["Required."];
            }
        }

        if (!ApiDates.TryParseInstant(request.FirstStartTime, out _))
        {
            errors["firstStartTime"] = [ApiDates.InstantMessage];
        }

        if (request.Sessions is < 2 or > MaxSessions)
        {
            errors["sessions"] = [$"Between 2 and {MaxSessions}."];
        }

        if (request.IntervalWeeks is < 1 or > MaxIntervalWeeks)
        {
            errors["intervalWeeks"] = [$"Between 1 and {MaxIntervalWeeks}."];
        }

        return errors.Count > 0 ? new Error.Invalid(errors) : request;
    }

    /// <summary>
    /// Pure: the desired start of each session, the same wall-clock time at the location every interval, so a course
    /// that crosses a DST change keeps its 13:00 appointment at 13:00.
    /// </summary>
    public static IReadOnlyList<SeriesSession> Sessions(string timeZone, DateTimeOffset firstStart, int sessions, int intervalWeeks)
    {
        var time = ClinicTime.For(timeZone);
        var local = time.LocalDateTime(firstStart);
        var date = DateOnly.FromDateTime(local);
        var clock = TimeOnly.FromDateTime(local);
        var plan = new List<SeriesSession>(sessions);
        for (var i = 0; i < sessions; i++)
        {
            var day = date.AddDays(7 * intervalWeeks * i);
            plan.Add(new SeriesSession(i + 1, time.ToInstant(day, clock) ?? (time.Candidates(day, clock.AddHours(1)) is [var first, ..] ? first : default)));
        }

        return plan;
    }
}

/// <summary>Checks a series request against the clinic (shape, then that its service, location and patient exist).</summary>
public sealed class PlanTreatmentSeries(Setup.ClinicSetupReader setupReader, Patients.PatientRegistry patients)
{
    /// <returns>The location's time zone, in which the sessions are planned.</returns>
    public async Task<Result<string>> CheckAsync(string tenantId, SeriesRequest request, CancellationToken ct = default)
    {
        var valid = SeriesPlan.Validate(request);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        var setup = await setupReader.LoadAsync(tenantId, ct);
        var problems = new Dictionary<string, string[]>();
        if (setup.Service(request.ServiceId) is null)
        {
            problems["serviceId"] = ["No such service in this clinic."];
        }

        var location = setup.Location(request.LocationId);
        if (location is null)
        {
            problems["locationId"] = ["No such location in this clinic."];
        }

        if (await patients.GetAsync(tenantId, request.PatientId ?? "", ct) is null)
        {
            problems["patientId"] = ["No such patient in this clinic."];
        }

        return problems.Count > 0 || location is null ? new Error.Invalid(problems) : location.TimeZone;
    }
}

/// <summary>
/// Books one session of a series at its desired time; when that time cannot be had, offers the nearest bookable times
/// within three days either side instead (nothing is booked for them until someone picks one).
/// </summary>
public sealed class BookSeriesSession(BookAppointment booking, FindAvailability availability, AppointmentBook book)
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
