using MedSpa.Core.Notifications;

namespace MedSpa.Core.Charts;

/// <summary>
/// The clinic's deadline for charts (<see cref="ChartingSettings"/>): a draft whose visit started longer ago than the
/// clinic's lock hours is locked as it is (unsigned: the practitioner may still sign it, dated late), so that no note
/// stays editable for ever; some hours before, the practitioner is reminded, once. Run by a timer; safe to run again
/// (a chart changed meanwhile is looked at next time; a reminder is recorded once).
/// </summary>
public sealed class LockOverdueCharts(ChartStore charts, ChartingSettingsStore settings, StaffNoticeStore notices, Access.ClinicStore clinics, TimeProvider clock)
{
    /// <returns>How many charts were locked.</returns>
    public async Task<int> LockAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var locked = 0;
        foreach (var clinic in await clinics.ListAsync(ct))
        {
            var deadline = (await settings.GetAsync(clinic.TenantId, ct)).Body;
            foreach (var draft in await charts.DraftsBeforeAsync(clinic.TenantId, now.AddHours(-(deadline.AutoLockHours - deadline.ReminderHoursBeforeLock)), ct))
            {
                if (deadline.LocksAt(draft.Body.VisitStart) > now)
                {
                    await RemindAsync(draft.Body, deadline, now, ct);
                }
                else if (draft.Body.Lock($"Automatic: {deadline.AutoLockHours} hours after the visit", now) is { IsSuccess: true, Value: var closed })
                {
                    try
                    {
                        await charts.ReplaceAsync(closed, draft.ETag, ct);
                        locked++;
                    }
                    catch (DocumentStaleException)
                    {
                        // Being edited or signed right now: the next run looks again.
                    }
                }
            }
        }

        return locked;
    }

    private Task<bool> RemindAsync(Chart chart, ChartingSettings deadline, DateTimeOffset now, CancellationToken ct)
    {
        var at = (Scheduling.ClinicTime.TryFor(chart.VisitTimeZone) ?? Scheduling.ClinicTime.For("UTC")).LocalDateTime(deadline.LocksAt(chart.VisitStart));
        return notices.RecordAsync(new StaffNotice(
            $"{chart.Id}:lock-reminder",
            chart.TenantId,
            chart.PractitionerId,
            "A chart to sign",
            $"Your {chart.TemplateName.ToLowerInvariant()} chart of the {chart.ServiceName} visit is not signed. It locks unsigned at {at:yyyy-MM-dd HH:mm} (clinic time).",
            $"/staff/charts/{chart.Id}",
            now), ct);
    }
}
