using MedSpa.Core.Scheduling;
using MedSpa.Core.Booking;

namespace MedSpa.Core.Visits;

public sealed record VisitItem(string? ServiceId, string? PractitionerId);

/// <summary>Several services back to back in one request (a facial, then a peel), booked all or nothing.</summary>
public sealed record VisitRequest(string? LocationId, string? StartTime, IReadOnlyList<VisitItem>? Items, string? PatientId, string? Notes, string? BookingSource, string? AcceptedPolicyVersion = null);

/// <summary>
/// Books each service of a visit right after the previous one (its buffers kept, the start rounded up to the
/// clinic's time grid). If any service cannot be had, the ones already claimed are released and removed: the visit
/// is booked whole or not at all.
/// </summary>
public sealed class BookVisit(BookAppointment booking, ResourceLedgerStore claims, AppointmentStore book, Setup.ClinicSetupStore setup, BookingPolicyStore policies)
{
    public const int MaxServices = 5;

    public async Task<Result<IReadOnlyList<Appointment>>> BookAsync(Booker booker, VisitRequest request, CancellationToken ct = default)
    {
        if (request.Items is not { Count: > 0 and <= MaxServices } items)
        {
            return Error.Invalid.Field("items", $"Give 1 to {MaxServices} services.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i]?.ServiceId))
            {
                return Error.Invalid.Field($"items[{i}].serviceId", "Required.");
            }
        }

        if (!ApiDates.TryParseInstant(request.StartTime, out var start))
        {
            return Error.Invalid.Field("startTime", ApiDates.InstantMessage);
        }

        var clinic = await setup.LoadAsync(booker.TenantId, ct);
        if (clinic.Location(request.LocationId) is not { } location)
        {
            return Error.Invalid.Field("locationId", "No such location in this clinic.");
        }

        var step = (await policies.GetAsync(booker.TenantId, ct)).Body.SlotStepMinutes;
        var time = ClinicTime.For(location.TimeZone);
        var visitId = $"visit-{Guid.NewGuid():N}";
        var booked = new List<Appointment>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var result = await booking.BookWithoutFollowUpsAsync(booker, new BookingRequest(item.ServiceId, location.Id, ClinicTime.ToIsoString(start, location.TimeZone),
                item.PractitionerId, request.PatientId, null, i == 0 ? request.Notes : null, request.BookingSource, AcceptedPolicyVersion: request.AcceptedPolicyVersion), ct, visitId);
            if (!result.IsSuccess)
            {
                await UndoAsync(booked, ct);
                return result.Error switch
                {
                    Error.Invalid invalid => new Error.Invalid(invalid.FieldErrors.ToDictionary(e => e.Key is "serviceId" or "practitionerId" ? $"items[{i}].{e.Key}" : e.Key, e => e.Value)),
                    Error.Conflict conflict => new Error.Conflict($"Service {i + 1} of the visit cannot follow on: {conflict.Detail} Nothing was booked."),
                    var other => other,
                };
            }

            booked.Add(result.Value);
            start = NextStart(time, result.Value, clinic.Service(items.ElementAtOrDefault(i + 1)?.ServiceId)?.BufferBeforeMinutes ?? 0, step);
        }

        foreach (var appointment in booked)
        {
            booking.RaiseFollowUps(appointment);
        }

        return booked;
    }

    /// <summary>Right after the previous service and its buffers, on the next step of the local grid.</summary>
    public static DateTimeOffset NextStart(ClinicTime time, Appointment previous, int nextBufferBefore, int stepMinutes)
    {
        var earliest = previous.OccupiedEnd.AddMinutes(nextBufferBefore);
        var local = time.LocalDateTime(earliest);
        var rounded = Math.Ceiling(local.TimeOfDay.TotalMinutes / stepMinutes) * stepMinutes;
        if (rounded >= 24 * 60)
        {
            return earliest;
        }

        // The wall-clock time converted back in the one place that knows the zone (a DST gap keeps the earliest instant).
        return time.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(rounded))) is { } onGrid && onGrid >= earliest
            ? onGrid
            : earliest;
    }

    private async Task UndoAsync(IEnumerable<Appointment> booked, CancellationToken ct)
    {
        foreach (var appointment in booked)
        {
            await claims.ReleaseAllAsync(appointment.TenantId, appointment.ResourceIds, appointment.ClaimFor(null), CancellationToken.None);
            await book.RemoveAsync(appointment, CancellationToken.None);
        }
    }
}
