using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Calendars;

/// <summary>Practitioners' busy times from their connected calendars, as the availability engine's busy intervals.</summary>
public sealed class ExternalBusyTimes(CalendarConnectionStore connections)
{
    public async Task<IReadOnlyList<BusyInterval>> BetweenAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var busy = new List<BusyInterval>();
        foreach (var connection in await connections.AllAsync(tenantId, ct))
        {
            busy.AddRange(connection.Body.Busy.Where(b => b.Start < to && b.End > from).Select(b => new BusyInterval(connection.Body.PractitionerId, b.Start, b.End)));
        }

        return busy;
    }
}
