namespace MedSpa.Core.Booking;

/// <summary>Reads an appointment the booker may see: patients their own, practitioners theirs, the desk and admins any.</summary>
public sealed class AppointmentAccess(AppointmentBook book)
{
    public async Task<Result<Document<Appointment>>> GetAsync(Booker booker, string id, CancellationToken ct = default)
    {
        var found = await book.GetAsync(booker.TenantId, id, ct);
        return found is not null && MaySee(booker.Caller, found.Body) ? found : new Error.NotFound($"No appointment '{id}' for you in this clinic.");
    }

    /// <summary>Why the booker may not do <paramref name="action"/> to the appointment now (see <see cref="AppointmentActions"/>).</summary>
    public async Task<Error?> RefusalAsync(Booker booker, Appointment appointment, string action, ClinicSetupReader setupReader, DateTimeOffset now, CancellationToken ct)
    {
        if (booker.Caller is not { } caller)
        {
            return new Error.Forbidden("Sign in to change an appointment.");
        }

        var zone = (await setupReader.LoadAsync(booker.TenantId, ct)).Location(appointment.LocationId)?.TimeZone ?? "UTC";
        return AppointmentActions.Refusal(caller, appointment, action, zone, now);
    }

    public static bool MaySee(Caller? caller, Appointment appointment) => caller switch
    {
        null => false,
        { Role: Role.Patient } => caller.PatientId == appointment.PatientId,
        { Role: Role.Practitioner } => caller.StaffId == appointment.PractitionerId,
        _ => caller.TenantId == appointment.TenantId,
    };
}

/// <summary>Cancels a booking (patient or staff), frees its time at once and flags late cancellations for a fee.</summary>
public sealed class CancelAppointment(AppointmentAccess access, AppointmentBook book, BookingClaims claims, BookingPolicyBook policies, ClinicSetupReader setupReader, DomainEventQueue events, TimeProvider clock)
{
    public async Task<Result<Document<Appointment>>> CancelAsync(Booker booker, string id, string? reason, CancellationToken ct = default)
    {
        if (reason?.Length > 500)
        {
            return Error.Invalid.Field("reason", "At most 500 characters.");
        }

        if (!PlainText.IsText(reason))
        {
            return Error.Invalid.Field("reason", PlainText.TextMessage);
        }

        var found = await access.GetAsync(booker, id, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var appointment = found.Value.Body;
        var now = clock.GetUtcNow();
        if (await access.RefusalAsync(booker, appointment, AppointmentActions.Cancel, setupReader, now, ct) is { } refusal)
        {
            return refusal;
        }

        var notice = (await policies.GetAsync(booker.TenantId, ct)).Body.CancellationNoticeHours;
        var claim = appointment.ClaimFor(null);
        var cancelled = appointment.Cancel(booker.Name, reason, now, notice);
        if (!cancelled.IsSuccess)
        {
            return cancelled.Error;
        }

        var saved = await AppointmentWrites.SaveThenAsync(book, appointment, found.Value.ETag,
            () => claims.ReleaseAllAsync(booker.TenantId, appointment.ResourceIds, claim, ct), ct);
        if (saved.IsSuccess)
        {
            events.Raise(new AppointmentFreedItsTime(appointment.TenantId, appointment.Id));
        }

        return saved;
    }
}

/// <summary>Staff move a visit through the day: confirm, check in, complete, no-show, cancel.</summary>
public sealed class ChangeAppointmentStatus(AppointmentAccess access, AppointmentBook book, BookingClaims claims, BookingPolicyBook policies, ClinicSetupReader setupReader, DomainEventQueue events, TimeProvider clock)
{
    public async Task<Result<Document<Appointment>>> ChangeAsync(Booker booker, string id, string? status, string? reason, CancellationToken ct = default)
    {
        var found = await access.GetAsync(booker, id, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var target = AppointmentStatusConverter.FromWire(status);
        if (target is not (AppointmentStatus.Confirmed or AppointmentStatus.Arrived or AppointmentStatus.Completed or AppointmentStatus.NoShow or AppointmentStatus.Cancelled or AppointmentStatus.Scheduled))
        {
            return Error.Invalid.Field("status", "One of scheduled (approve), confirmed, arrived, completed, no-show, cancelled.");
        }

        if (reason?.Length > 500)
        {
            return Error.Invalid.Field("reason", "At most 500 characters.");
        }

        if (!PlainText.IsText(reason))
        {
            return Error.Invalid.Field("reason", PlainText.TextMessage);
        }

        var appointment = found.Value.Body;
        var now = clock.GetUtcNow();
        if (await access.RefusalAsync(booker, appointment, AppointmentStatusConverter.ToWire(target.Value), setupReader, now, ct) is { } refusal)
        {
            return refusal;
        }

        var by = booker.Name;
        var claim = appointment.ClaimFor(null);
        var wasPending = appointment.IsPending;
        var notice = (await policies.GetAsync(booker.TenantId, ct)).Body.CancellationNoticeHours;
        var changed = target switch
        {
            AppointmentStatus.Scheduled => appointment.Schedule(by, now),
            AppointmentStatus.Confirmed => appointment.Confirm(by, now),
            AppointmentStatus.Arrived => appointment.CheckIn(by, now),
            AppointmentStatus.Completed => appointment.Complete(by, now),
            AppointmentStatus.NoShow => appointment.MarkNoShow(by, now),
            _ => appointment.Cancel(by, reason, now, notice),
        };
        if (!changed.IsSuccess)
        {
            return changed.Error;
        }

        var saved = await AppointmentWrites.SaveThenAsync(book, appointment, found.Value.ETag, async () =>
        {
            if (!appointment.HoldsTime)
            {
                await claims.ReleaseAllAsync(booker.TenantId, appointment.ResourceIds, claim, ct);
            }
            else if (wasPending && !appointment.IsPending)
            {
                await claims.ConfirmAllAsync(booker.TenantId, appointment.ResourceIds, claim, ct);
            }
        }, ct);
        if (saved.IsSuccess && !appointment.HoldsTime)
        {
            events.Raise(new AppointmentFreedItsTime(appointment.TenantId, appointment.Id));
        }

        return saved;
    }
}

/// <summary>The desk scans the QR code from the patient's confirmation: today's booking with that code is checked in.</summary>
public sealed class CheckInByCode(AppointmentBook book, ClinicSetupReader setupReader, TimeProvider clock)
{
    public async Task<Result<Document<Appointment>>> CheckInAsync(Booker booker, string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 64)
        {
            return Error.Invalid.Field("code", "Scan or type the code from the patient's confirmation.");
        }

        var now = clock.GetUtcNow();
        var matches = await book.WithCheckInCodeAsync(booker.TenantId, code.Trim().ToUpperInvariant(), ct);
        var found = matches.FirstOrDefault(d => d.Body.Status is AppointmentStatus.Scheduled or AppointmentStatus.Confirmed && Math.Abs((d.Body.StartTime - now).TotalHours) < 12);
        if (found is null)
        {
            return new Error.NotFound("No appointment today has that check-in code.");
        }

        var appointment = found.Body;
        if (booker.Caller is null || !AppointmentAccess.MaySee(booker.Caller, appointment))
        {
            return new Error.NotFound("No appointment today has that check-in code.");
        }

        var zone = (await setupReader.LoadAsync(booker.TenantId, ct)).Location(appointment.LocationId)?.TimeZone ?? "UTC";
        if (AppointmentActions.Refusal(booker.Caller, appointment, AppointmentActions.CheckIn, zone, now) is { } refusal)
        {
            return refusal;
        }

        var checkedIn = appointment.CheckIn(booker.Name, now);
        return checkedIn.IsSuccess ? await AppointmentWrites.SaveThenAsync(book, appointment, found.ETag, () => Task.CompletedTask, ct) : checkedIn.Error;
    }
}

/// <summary>Moves a booking to another time: the new time is claimed first, then the old one released.</summary>
public sealed class RescheduleAppointment(AppointmentAccess access, AppointmentBook book, BookingClaims claims, BookAppointment booking, ClinicSetupReader setupReader, BookingPolicyBook policies, TimeProvider clock)
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

        var newClaim = appointment.ClaimFor(appointment.IsPending ? appointment.HoldExpiresAt : now.AddMinutes(2));
        if (await claims.ClaimAllAsync(booker.TenantId, appointment.ResourceIds, newClaim, now, ct: ct) is not null)
        {
            return new Error.Conflict("That time was just taken. Please choose another time.");
        }

        return await AppointmentWrites.SaveThenAsync(book, appointment, ifMatch, async () =>
        {
            await claims.ReleaseAllAsync(booker.TenantId, oldResources, oldClaim, ct);
            if (!appointment.IsPending)
            {
                await claims.ConfirmAllAsync(booker.TenantId, appointment.ResourceIds, newClaim, ct);
            }
        }, ct, onStale: () => claims.ReleaseAllAsync(booker.TenantId, appointment.ResourceIds, newClaim, CancellationToken.None));
    }
}

internal static class AppointmentWrites
{
    /// <summary>Saves if the appointment is unchanged since read, then runs the follow-up (ledger) work.</summary>
    public static async Task<Result<Document<Appointment>>> SaveThenAsync(AppointmentBook book, Appointment appointment, string etag, Func<Task> then, CancellationToken ct, Func<Task>? onStale = null)
    {
        try
        {
            var saved = await book.SaveAsync(appointment, etag, ct);
            await then();
            return saved;
        }
        catch (DocumentStaleException)
        {
            if (onStale is not null)
            {
                await onStale();
            }

            return new Error.Stale("This appointment was changed meanwhile. Reload it and try again.");
        }
    }
}
