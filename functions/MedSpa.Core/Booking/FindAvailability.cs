using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Booking;

public sealed record AvailabilityQuery(string? ServiceId, string? LocationId, string? From, string? To, string? PractitionerId);

public sealed record AvailabilityView(string TimeZone, IReadOnlyList<Slot> Slots);

/// <summary>What can be booked: the same engine and the same busy time that accepting a booking uses.</summary>
public sealed class FindAvailability(Setup.ClinicSetupStore setupReader, BookingPolicyStore policyBook, BookAppointment booking, TimeProvider clock)
{
    public const int MaxDays = 31;

    public async Task<Result<AvailabilityView>> FindAsync(string tenantId, AvailabilityQuery query, bool online, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(query.ServiceId))
        {
            errors["serviceId"] = ["Required."];
        }

        if (string.IsNullOrWhiteSpace(query.LocationId))
        {
            errors["locationId"] = ["Required."];
        }

        var from = ParseDate(query.From, "from", errors);
        var to = ParseDate(query.To, "to", errors);
        if (errors.Count == 0 && (to < from || to.DayNumber - from.DayNumber >= MaxDays))
        {
            errors["to"] = [$"Must be on or after 'from' and at most {MaxDays} days of dates in one call."];
        }

        if (errors.Count > 0)
        {
            return new Error.Invalid(errors);
        }

        var setup = await setupReader.LoadAsync(tenantId, ct);
        var service = setup.Service(query.ServiceId);
        var location = setup.Location(query.LocationId);
        if (service is null || location is null || (online && !service.OnlineBookable))
        {
            return new Error.NotFound(service is null || (online && !service.OnlineBookable) ? "No such bookable service in this clinic." : "No such location in this clinic.");
        }

        if (query.PractitionerId is { } practitionerId && setup.Member(practitionerId) is null)
        {
            return Error.Invalid.Field("practitionerId", "No such practitioner in this clinic.");
        }

        var now = clock.GetUtcNow();
        var time = ClinicTime.For(location.TimeZone);
        var busy = await booking.BusyAsync(tenantId, time.StartOfDay(from), time.EndOfDay(to), now, null, ct);
        var policies = (await policyBook.GetAsync(tenantId, ct)).Body;
        var request = new AvailabilityRequest(location, service, setup.Staff, setup.Rooms, setup.Equipment, busy, now,
            BookAppointment.ToEngine(policies, online), from, to, query.PractitionerId);
        return new AvailabilityView(location.TimeZone, AvailabilityEngine.Find(request));
    }

    private static DateOnly ParseDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (ApiDates.TryParseDate(value, out var date))
        {
            return date;
        }

        errors[field] = [ApiDates.DateMessage];
        return default;
    }
}
