namespace MedSpa.Core.Live;

/// <summary>Where a browser connects for live updates, and the token that lets it in (the negotiate answer).</summary>
public sealed record LiveConnection(string Url, string AccessToken);

/// <summary>
/// Pushes "something changed" to the browsers listening on a hub: Azure SignalR Service in Azure (serverless: the
/// REST API to send, client tokens for its endpoint), the same SignalR protocol served by LocalHost on one machine.
/// Browsers only listen; what they are told names no patient (they read the change through the API, as they may).
/// </summary>
public interface ILiveUpdates
{
    /// <summary>Null when this app has no live updates (browsers then poll).</summary>
    LiveConnection? Connect(string hub, string userId);

    Task SendAsync(string hub, string target, object payload, CancellationToken ct);
}

/// <summary>No live updates (Azure without Live:ConnectionString): nothing is pushed, and browsers poll.</summary>
public sealed class NoLiveUpdates : ILiveUpdates
{
    public LiveConnection? Connect(string hub, string userId) => null;

    public Task SendAsync(string hub, string target, object payload, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>The hubs: a clinic's staff calendars, and its online slot pickers (anyone booking).</summary>
public static class LiveHubs
{
    public static string Calendar(string tenantId) => $"calendar_{Safe(tenantId)}";

    public static string Slots(string tenantId) => $"slots_{Safe(tenantId)}";

    /// <summary>Hub names are letters, digits and underscores.</summary>
    private static string Safe(string tenantId) => new([.. tenantId.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
}

/// <summary>What a calendar or slot picker is told: which location's times changed (it reads them again).</summary>
public sealed record CalendarChanged(string LocationId, string Date);

/// <summary>An appointment's status changed (confirmed, checked in, completed...): calendars show it.</summary>
public sealed record AppointmentStatusChanged(string TenantId, string AppointmentId) : IDomainEvent;

/// <summary>
/// Tells the clinic's open calendars and slot pickers that an appointment changed its location's times, so they read
/// them again within a second instead of at their next poll. Best effort: a failed push is the poll's to make up.
/// </summary>
public sealed class PublishCalendarChange(Booking.AppointmentStore appointments, ILiveUpdates live)
{
    public const string Target = "calendarChanged";

    public async Task ForAppointmentAsync(string tenantId, string appointmentId, CancellationToken ct)
    {
        if (await appointments.GetAsync(tenantId, appointmentId, ct) is not { Body: var appointment })
        {
            return;
        }

        var change = new CalendarChanged(appointment.LocationId, appointment.LocalDate);
        foreach (var hub in new[] { LiveHubs.Calendar(tenantId), LiveHubs.Slots(tenantId) })
        {
            try
            {
                await live.SendAsync(hub, Target, change, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                // Nobody is told this once; calendars still poll.
            }
        }
    }
}
