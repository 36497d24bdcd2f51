namespace MedSpa.Core.Booking;

/// <summary>
/// Staff move a visit through the day: confirm, check in, complete, no-show, cancel. Checking in and completing look
/// at the forms the visit needs afresh: check-in notes what is missing (the desk's warning); a visit cannot be
/// completed while a consent it requires is missing, unless a clinician gives the reason to go ahead (audited).
/// </summary>
public sealed class ChangeAppointmentStatus(
    AppointmentAccess access, AppointmentStore book, ResourceLedgerStore claims, BookingPolicyStore policies, ClinicSetupStore setupReader,
    Forms.FormRequirements formRequirements, Audit.AuditStore audit, DomainEventQueue events, TimeProvider clock)
{
    public async Task<Result<Document<Appointment>>> ChangeAsync(Booker booker, string id, string? status, string? reason, string? overrideReason = null, CancellationToken ct = default)
    {
        var found = await access.GetAsync(booker, id, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var target = WireNames.Parse<AppointmentStatus>(status);
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

        if (overrideReason is not null && (string.IsNullOrWhiteSpace(overrideReason) || overrideReason.Length > 500 || !PlainText.IsText(overrideReason)))
        {
            return Error.Invalid.Field("overrideReason", "Why the visit goes ahead without it: 1 to 500 characters of plain text.");
        }

        var appointment = found.Value.Body;
        var now = clock.GetUtcNow();
        if (await access.RefusalAsync(booker, appointment, WireNames.Of(target.Value), setupReader, now, ct) is { } refusal)
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

        IReadOnlyList<Forms.MissingForm> missingConsents = [];
        if (target is AppointmentStatus.Arrived or AppointmentStatus.Completed
            && (await setupReader.LoadAsync(booker.TenantId, ct)).Service(appointment.ServiceId) is { } service)
        {
            appointment.NoteMissingForms(await formRequirements.MissingAsync(booker.TenantId, appointment.PatientId, service, appointment.StartTime, ct));
            missingConsents = target == AppointmentStatus.Completed ? [.. appointment.MissingForms.Where(f => f.IsConsent)] : [];
            if (missingConsents.Count > 0 && overrideReason is null)
            {
                return new Error.Conflict(
                    $"{string.Join(", ", missingConsents.Select(f => f.Name))} {(missingConsents.Count == 1 ? "is" : "are")} not signed. "
                    + "Have the patient sign before completing, or give the reason to complete without it.",
                    new Dictionary<string, object?> { ["missingForms"] = missingConsents });
            }
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
        else if (saved.IsSuccess)
        {
            events.Raise(new Live.AppointmentStatusChanged(appointment.TenantId, appointment.Id));
        }

        if (saved.IsSuccess && target == AppointmentStatus.Completed)
        {
            events.Raise(new Patients.VisitCompleted(appointment.TenantId, appointment.Id));
        }

        if (saved.IsSuccess && missingConsents.Count > 0 && booker.Caller is { } caller)
        {
            await audit.RecordAsync(new Audit.AuditEntry(Audit.AuditStore.NewId(now), booker.TenantId, now,
                new Audit.AuditActor(caller.UserId, caller.Email, RoleNames.ToWire(caller.Role)), "complete-without-consent", $"appointments/{appointment.Id}", appointment.PatientId,
                "success", 200, null, $"Completed without {string.Join(", ", missingConsents.Select(f => f.Name))}: {overrideReason}"), ct);
        }

        return saved;
    }
}
