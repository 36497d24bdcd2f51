namespace MedSpa.Core.Booking;

/// <summary>An appointment now has another time (its reminders are planned again).</summary>
public sealed record AppointmentMoved(string TenantId, string AppointmentId) : IDomainEvent;

/// <summary>Moves a booking to another time: the new time is claimed first, then the old one released.</summary>
public sealed class RescheduleAppointment(
    AppointmentAccess access, AppointmentStore book, ResourceLedgerStore claims, BookAppointment booking, ClinicSetupStore setupReader, BookingPolicyStore policies,
    Forms.FormRequirements formRequirements, DomainEventQueue events, TimeProvider clock)
{
    public async Task<Result<Document<Appointment>>> RescheduleAsync(Booker booker, string id, string? startTime, string? practitionerId, string? notes, string? ifMatch, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(ifMatch))
        {
            return new Error.VersionRequired("This page's copy of the appointment is out of date. Reload it and try again.");
        }

        var found = await access.GetAsync(booker, id, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (found.Value.ETag != ifMatch)
        {
            return new Error.Stale("This appointment was changed meanwhile. Reload it and try again.");
        }

        var appointment = found.Value.Body;
        var now = clock.GetUtcNow();
        if (startTime is not null && await access.RefusalAsync(booker, appointment, AppointmentActions.Reschedule, setupReader, now, ct) is { } refusal)
        {
            return refusal;
        }

        if (startTime is null)
        {
            var changedNotes = appointment.ChangeNotes(notes, now);
            return changedNotes.IsSuccess ? await AppointmentWrites.SaveThenAsync(book, appointment, ifMatch, () => Task.CompletedTask, ct) : changedNotes.Error;
        }

        if (!ApiDates.TryParseInstant(startTime, out var start))
        {
            return Error.Invalid.Field("startTime", ApiDates.InstantMessage);
        }

        var setup = await setupReader.LoadAsync(booker.TenantId, ct);
        var location = setup.Location(appointment.LocationId);
        var service = setup.Service(appointment.ServiceId);
        if (location is null || service is null)
        {
            return new Error.Conflict("The appointment's service or location is no longer offered; cancel and book again.");
        }

        var online = !booker.IsStaff;
        var check = await booking.CheckTimeAsync(booker.TenantId, setup, location, service, start, practitionerId, (await policies.GetAsync(booker.TenantId, ct)).Body, online, now, ct, ignoreBookingId: appointment.Id);
        if (!check.IsAvailable)
        {
            return new Error.Conflict("That time cannot be booked: " + check.Reason);
        }

        var oldClaim = appointment.ClaimFor(null);
        var oldResources = appointment.ResourceIds;
        var chosen = practitionerId ?? (check.Slot.PractitionerIds.Contains(appointment.PractitionerId) ? appointment.PractitionerId : Scheduling.AvailabilityEngine.ChoosePractitioner(check.Slot));
        var moved = appointment.Reschedule(new BookedTime(check.Slot.Start, service.DurationMinutes, service.BufferBeforeMinutes, service.BufferAfterMinutes, chosen, check.Slot.RoomId, check.Slot.EquipmentIds),
            check.Slot.LocalDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), booker.Name, now);
        if (!moved.IsSuccess)
        {
            return moved.Error;
        }

        if (notes is not null)
        {
            appointment.ChangeNotes(notes, now);
        }

        // What was on file for the old day may not be for the new one (a consent that expires in between): ask again.
        var formsChanged = appointment.NoteMissingForms(await formRequirements.MissingAsync(booker.TenantId, appointment.PatientId, service, check.Slot.Start, ct));

        var newClaim = appointment.ClaimFor(appointment.IsPending ? appointment.HoldExpiresAt : now.AddMinutes(2));
        if (await claims.ClaimAllAsync(booker.TenantId, appointment.ResourceIds, newClaim, now, ct: ct) is not null)
        {
            return new Error.Conflict("That time was just taken. Please choose another time.");
        }

        var saved = await AppointmentWrites.SaveThenAsync(book, appointment, ifMatch, async () =>
        {
            await claims.ReleaseAllAsync(booker.TenantId, oldResources, oldClaim, ct);
            if (!appointment.IsPending)
            {
                await claims.ConfirmAllAsync(booker.TenantId, appointment.ResourceIds, newClaim, ct);
            }
        }, ct, onStale: () => claims.ReleaseAllAsync(booker.TenantId, appointment.ResourceIds, newClaim, CancellationToken.None));
        if (saved.IsSuccess && formsChanged && appointment.MissingForms.Count > 0)
        {
            events.Raise(new Forms.FormsNeeded(appointment.TenantId, appointment.Id));
        }

        if (saved.IsSuccess)
        {
            events.Raise(new AppointmentMoved(appointment.TenantId, appointment.Id));
        }

        return saved;
    }
}
