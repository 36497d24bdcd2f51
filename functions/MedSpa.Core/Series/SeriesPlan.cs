using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Series;

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
