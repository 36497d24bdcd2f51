using MedSpa.Core.Audit;
using MedSpa.Core.Booking;

namespace MedSpa.Core.Calendars;

/// <summary>What a practitioner's calendar feed holds: their visits that keep time, as calendar entries.</summary>
public sealed record PractitionerCalendar(string Name, IReadOnlyList<AppointmentCalendarEntry> Entries);

/// <summary>
/// Serves a practitioner's calendar link to whatever calendar subscribed to it: their visits from 30 days back to 180
/// ahead that still hold time (a cancelled visit drops out, the most predictable way to free it in every client). A
/// calendar is synced to other services, so a visit reads "Booked" at its location unless the clinic allows patient
/// names in feeds. Every read is audited (as the link, in the practitioner's name); an unknown, revoked or malformed
/// token is one answer, not found.
/// </summary>
public sealed class ReadCalendarFeed(IDocumentStore store, Setup.ClinicSetupStore setupReader, AppointmentStore appointments, BookingPolicyStore policyBook, AuditStore audit, TimeProvider clock)
{
    public static readonly TimeSpan Back = TimeSpan.FromDays(30);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(180);

    public async Task<Result<PractitionerCalendar>> ReadAsync(string? token, CancellationToken ct = default)
    {
        var unknown = new Error.NotFound("No calendar at this link: it may have been replaced or turned off.");
        if (!CalendarFeedLink.LooksLikeToken(token))
        {
            return unknown;
        }

        var hash = CalendarFeedLink.Hash(token!);
        var key = CalendarFeedRoute.Key(hash);
        var route = (await store.ReadAsync<CalendarFeedRoute>(Partitions.Directory, key, key, ct))?.Body;
        var link = route is null ? null : (await store.ReadAsync<CalendarFeedLink>(Partitions.Clinic, route.TenantId, CalendarFeedLink.DocumentId(route.PractitionerId), ct))?.Body;
        if (route is null || link?.TokenHash != hash)
        {
            return unknown;
        }

        var setup = await setupReader.LoadAsync(route.TenantId, ct);
        if (setup.Member(route.PractitionerId) is not { Deleted: false } practitioner)
        {
            return unknown;
        }

        var now = clock.GetUtcNow();
        var showNames = (await policyBook.GetAsync(route.TenantId, ct)).Body.CalendarFeedShowsPatientNames;
        var visits = await appointments.ForPractitionerAsync(route.TenantId, route.PractitionerId, now - Back, now + Ahead, ct);
        await audit.RecordAsync(new AuditEntry(AuditStore.NewId(now), route.TenantId, now, new AuditActor($"calendar-feed:{route.PractitionerId}", practitioner.Email, "calendar-feed"),
            "read calendar feed", $"practitioners/{route.PractitionerId}/calendar-feed", route.PractitionerId, "success", 200, null,
            showNames ? "Patient names shown (the clinic allows it)." : "No patient names."), ct);
        return new PractitionerCalendar(practitioner.DisplayName,
            [.. visits.Where(v => v.HoldsTime).Select(v => AppointmentCalendarEntry.ForPractitioner(v, setup, showNames))]);
    }
}
