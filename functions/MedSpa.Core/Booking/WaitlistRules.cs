using System.Globalization;
using MedSpa.Core.Common;
using MedSpa.Core.Setup;

namespace MedSpa.Core.Booking;

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

public static class DayParts
{
    public static readonly IReadOnlyList<DayPart> All = [DayPart.Morning, DayPart.Afternoon, DayPart.Evening];

    public static DayPart Of(TimeOnly localTime) => localTime.Hour switch
    {
        < 12 => DayPart.Morning,
        < 17 => DayPart.Afternoon,
        _ => DayPart.Evening,
    };

    public static DayPart? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "morning" => DayPart.Morning,
        "afternoon" => DayPart.Afternoon,
        "evening" => DayPart.Evening,
        _ => null,
    };
}

/// <summary>How freed times are offered: a few patients at a time, each with a response window, for a few rounds.</summary>
public static class WaitlistOfferRules
{
    /// <summary>Patients asked at once in each round.</summary>
    public const int BatchSize = 3;

    /// <summary>Rounds before the time is left for anyone to book.</summary>
    public const int MaxRounds = 4;

    /// <summary>How long patients have to accept.</summary>
    public static readonly TimeSpan ResponseWindow = TimeSpan.FromMinutes(30);

    /// <summary>A window shorter than this is not worth sending.</summary>
    public static readonly TimeSpan ShortestWindow = TimeSpan.FromMinutes(5);

    /// <summary>An offer closes at least this long before the time starts, so the patient can get there.</summary>
    public static readonly TimeSpan TravelLead = TimeSpan.FromMinutes(30);

    /// <summary>The response window for <paramref name="round"/> at <paramref name="now"/>, or null when offering should stop.</summary>
    public static TimeSpan? WindowFor(int round, DateTimeOffset now, DateTimeOffset slotStart)
    {
        if (round < 1 || round > MaxRounds)
        {
            return null;
        }

        var untilLead = slotStart - TravelLead - now;
        var window = untilLead < ResponseWindow ? untilLead : ResponseWindow;
        return window >= ShortestWindow ? window : null;
    }
}

/// <summary>What a patient (or staff on their behalf) asks for when joining the waitlist, as the API receives it.</summary>
public sealed record WaitlistRequest(
    string? PatientId,
    string? ServiceId,
    string? LocationId,
    string? PractitionerId,
    string? FromDate,
    string? ToDate,
    IReadOnlyList<string>? TimesOfDay);

/// <summary>A request that passed validation, resolved against the clinic's setup.</summary>
public sealed record WaitlistTerms(Service Service, Location Location, string? PractitionerId, DateOnly FromDate, DateOnly ToDate, IReadOnlyList<DayPart> TimesOfDay);

public static class WaitlistValidation
{
    /// <summary>How far ahead a waitlist entry may reach.</summary>
    public const int MaxDaysAhead = 180;

    /// <summary>Checks every field, with an error per field; pure (the clinic's setup and now are given).</summary>
    public static Result<WaitlistTerms> Validate(WaitlistRequest request, ClinicSetup setup, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var service = Required(request.ServiceId, "serviceId", errors) ? setup.Service(request.ServiceId) : null;
        if (service is null && !errors.ContainsKey("serviceId"))
        {
            errors["serviceId"] = ["No such service in this clinic."];
        }

        var location = Required(request.LocationId, "locationId", errors) ? setup.Location(request.LocationId) : null;
        if (location is null && !errors.ContainsKey("locationId"))
        {
            errors["locationId"] = ["No such location in this clinic."];
        }

        var providers = service is null || location is null
            ? []
            : setup.Staff.Where(m => service.IsPerformedBy(m) && m.WorkingHours.Any(h => h.LocationId == location.Id)).Select(m => m.Id).ToList();
        if (service is not null && location is not null && providers.Count == 0)
        {
            errors["locationId"] = [$"{service.Name} is not offered at {location.Name}."];
        }

        var practitionerId = string.IsNullOrWhiteSpace(request.PractitionerId) ? null : request.PractitionerId;
        if (practitionerId is not null && providers.Count > 0 && !providers.Contains(practitionerId))
        {
            errors["practitionerId"] = ["That practitioner does not offer this service at this location."];
        }

        var today = location is not null && Scheduling.ClinicTime.TryFor(location.TimeZone) is { } time ? time.LocalDate(now) : DateOnly.FromDateTime(now.UtcDateTime);
        var from = ParseDate(request.FromDate, "fromDate", errors);
        var to = ParseDate(request.ToDate, "toDate", errors);
        if (from is { } f && f < today)
        {
            errors["fromDate"] = ["Must be today or later."];
        }

        if (to is { } t)
        {
            if (from is { } start && t < start)
            {
                errors["toDate"] = ["Must be on or after fromDate."];
            }
            else if (t > today.AddDays(MaxDaysAhead))
            {
                errors["toDate"] = [$"At most {MaxDaysAhead} days ahead."];
            }
        }

        var parts = new List<DayPart>();
        if (request.TimesOfDay is { Count: > 0 } wanted)
        {
            if (wanted.Count > 3 || wanted.Any(w => DayParts.Parse(w) is null))
            {
                errors["timesOfDay"] = ["Any of morning (before 12:00), afternoon (12:00–17:00) and evening (from 17:00)."];
            }
            else
            {
                parts.AddRange(wanted.Select(DayParts.Parse).OfType<DayPart>().Distinct().Order());
            }
        }
        else
        {
            parts.AddRange(DayParts.All);
        }

        if (errors.Count > 0 || service is null || location is null || from is not { } fromDate || to is not { } toDate)
        {
            return new Error.Invalid(errors);
        }

        return new WaitlistTerms(service, location, practitionerId, fromDate, toDate, parts);
    }

    private static bool Required(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
            return false;
        }

        if (value.Length > 100)
        {
            errors[field] = ["At most 100 characters."];
            return false;
        }

        return true;
    }

    private static DateOnly? ParseDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
            return null;
        }

        if (!ApiDates.TryParseDate(value, out var date))
        {
            errors[field] = [ApiDates.DateMessage];
            return null;
        }

        return date;
    }
}
