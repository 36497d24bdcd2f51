using System.Globalization;
using MedSpa.Core.Patients;
using MedSpa.Core.Scheduling;

namespace MedSpa.Functions.Booking;

/// <summary>The front desk's day: the calendar of a location, status changes, check-in by QR code.</summary>
public sealed class StaffCalendar(ReadStaffCalendar calendar, ClinicSetupStore setupReader, ChangeAppointmentStatus status, CheckInByCode checkIn, Events.DomainEventPublisher events)
{
    public sealed record StatusRequest(string? Status, string? Reason, string? OverrideReason = null);

    public sealed record CheckInRequest(string? Code);

    [Function("Calendar")]
    [CallableBy(Role.Staff)]
    [AuditsReads]
    public async Task<IActionResult> Calendar([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "appointments")] HttpRequest request, FunctionContext context)
    {
        var caller = context.GetCaller();
        var days = Query.WholeNumber(request, "days", 1);
        if (!days.IsSuccess || days.Value is not (1 or 7))
        {
            return Problems.From(Error.Invalid.Field("days", "1 (day) or 7 (week)."));
        }

        if (!ApiDates.TryParseDate(Query.Text(request, "date"), out var date))
        {
            return Problems.From(Error.Invalid.Field("date", ApiDates.DateMessage));
        }

        var read = await calendar.ReadAsync(caller, Query.Text(request, "locationId"), date, days.Value, context.CancellationToken);
        if (!read.IsSuccess)
        {
            return Problems.From(read.Error);
        }

        var (setup, location, zone, view) = read.Value;
        return Responses.Json(new JsonObject
        {
            ["timeZone"] = location.TimeZone,
            ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["days"] = days.Value,
            ["practitioners"] = new JsonArray([.. view.Practitioners.Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["displayName"] = s.DisplayName })]),
            ["rooms"] = new JsonArray([.. setup.Rooms.Where(r => !r.Deleted && r.LocationId == location.Id)
                .Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["name"] = r.Name, ["type"] = r.Type })]),
            ["appointments"] = new JsonArray([.. view.Appointments.Select(a => (JsonNode)BookingJson.Appointment(a, setup, context))]),
            ["busy"] = new JsonArray([.. view.Busy.Select(b => (JsonNode)new JsonObject
            {
                ["practitionerId"] = b.PractitionerId,
                ["startTime"] = zone.ToIsoString(b.Start),
                ["endTime"] = zone.ToIsoString(b.End),
                ["source"] = WireNames.Of(b.Source),
            })]),
            ["hours"] = new JsonArray([.. view.Days.Select(d => (JsonNode)CalendarDayJson(d, zone))]),
        });
    }

    private static JsonObject CalendarDayJson(CalendarDayHours day, ClinicTime zone)
    {
        JsonArray Ranges(IEnumerable<TimeRange> ranges) =>
            new([.. ranges.Select(r => (JsonNode)new JsonObject { ["startTime"] = zone.ToIsoString(r.Start), ["endTime"] = zone.ToIsoString(r.End) })]);
        var working = new JsonObject();
        foreach (var (practitionerId, ranges) in day.Working)
        {
            working[practitionerId] = Ranges(ranges);
        }

        return new JsonObject
        {
            ["date"] = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["closure"] = day.Closure,
            ["open"] = Ranges(day.Open),
            ["working"] = working,
        };
    }

    [Function("ChangeAppointmentStatus")]
    [CallableBy(Role.Staff)]
    public async Task<IActionResult> ChangeStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "appointments/{id}/status")] HttpRequest request,
        string id,
        [Microsoft.Azure.Functions.Worker.DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client,
        FunctionContext context)
    {
        return await RequestBody.HandleAsync<StatusRequest>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var changed = await status.ChangeAsync(new Booker(caller.TenantId, caller), id, body.Status, body.Reason, body.OverrideReason, context.CancellationToken);
            await events.PublishAsync(client, context.CancellationToken);
            return await BookingJson.ItemAsync(request, changed, setupReader, context);
        });
    }

    [Function("CheckInByCode")]
    [CallableBy(Role.Staff)]
    public async Task<IActionResult> CheckIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "appointments/check-in")] HttpRequest request,
        [Microsoft.Azure.Functions.Worker.DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client,
        FunctionContext context)
    {
        return await RequestBody.HandleAsync<CheckInRequest>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var checkedIn = await checkIn.CheckInAsync(new Booker(caller.TenantId, caller), body.Code, context.CancellationToken);
            await events.PublishAsync(client, context.CancellationToken);
            return await BookingJson.ItemAsync(request, checkedIn, setupReader, context);
        });
    }
}
