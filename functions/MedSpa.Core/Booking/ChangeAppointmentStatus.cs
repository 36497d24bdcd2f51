namespace MedSpa.Core.Booking;

/// <summary>Staff move a visit through the day: confirm, check in, complete, no-show, cancel.</summary>
public sealed class ChangeAppointmentStatus(AppointmentAccess access, AppointmentStore book, ResourceLedgerStore claims, BookingPolicyStore policies, ClinicSetupStore setupReader, DomainEventQueue events, TimeProvider clock)
{
    public async Task<Result<Document<Appointment>>> ChangeAsync(Booker booker, string id, string? status, string? reason, CancellationToken ct = default)
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
