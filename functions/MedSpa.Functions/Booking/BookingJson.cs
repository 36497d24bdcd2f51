using System.Text.Json;
using MedSpa.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace MedSpa.Functions.Booking;

/// <summary>How bookings go out: the specification's field names, times as ISO 8601 with the location's offset.</summary>
public static class BookingJson
{
    /// <param name="viewer">Who asks: their <c>allowedActions</c> on this appointment go with it (MedSpa.Core decides them).</param>
    public static JsonObject Appointment(Document<Appointment> document, ClinicSetup setup, FunctionContext viewer)
    {
        var a = document.Body;
        var location = setup.Locations.FirstOrDefault(l => l.Id == a.LocationId);
        var zone = location?.TimeZone ?? "UTC";
        var why = AppointmentStatusReason.Of(a);
        var json = new JsonObject
        {
            ["id"] = a.Id,
            ["patientId"] = a.PatientId,
            ["patientName"] = a.PatientName,
            ["practitionerId"] = a.PractitionerId,
            ["practitionerName"] = setup.Member(a.PractitionerId)?.DisplayName,
            ["serviceId"] = a.ServiceId,
            ["serviceName"] = a.ServiceName,
            ["locationId"] = a.LocationId,
            ["locationName"] = location?.Name,
            ["locationAddress"] = location?.Address is { } address ? JsonSerializer.SerializeToNode(address, ApiJson.Options) : null,
            ["locationAddressText"] = AppointmentCalendarEntry.AddressLine(location?.Address),
            ["startTime"] = ClinicTime.ToIsoString(a.StartTime, zone),
            ["endTime"] = ClinicTime.ToIsoString(a.EndTime, zone),
            ["duration"] = a.Duration,
            ["status"] = Core.Booking.Appointment.Wire(a.Status),
            ["statusReason"] = why?.Reason,
            ["statusReasonCode"] = why?.Code,
            ["roomId"] = a.RoomId,
            ["equipmentIds"] = new JsonArray([.. a.EquipmentIds.Select(e => (JsonNode)e)]),
            ["bookingSource"] = JsonSerializer.SerializeToNode(a.BookingSource, ApiJson.Options),
            ["notes"] = a.Notes,
            ["lateCancellation"] = a.LateCancellation,
            ["doubleBooked"] = a.DoubleBooked,
            ["missingForms"] = JsonSerializer.SerializeToNode(a.MissingForms, ApiJson.Options),
            ["visitId"] = a.VisitId,
            ["checkInCode"] = a.CheckInCode,
            ["holdExpiresAt"] = a.HoldExpiresAt is { } hold ? ClinicTime.ToIsoString(hold, zone) : null,
            ["depositAmount"] = a.DepositAmount is { } deposit ? JsonSerializer.SerializeToNode(deposit, ApiJson.Options) : null,
            ["history"] = JsonSerializer.SerializeToNode(a.History, ApiJson.Options),
            ["createdAt"] = a.CreatedAt,
            ["modifiedAt"] = a.ModifiedAt,
            ["etag"] = document.ETag,
            ["allowedActions"] = viewer.FindCaller() is { } caller
                ? new JsonArray([.. AppointmentActions.For(caller, a, zone, viewer.InstanceServices.GetRequiredService<TimeProvider>().GetUtcNow()).Select(x => (JsonNode)x)])
                : new JsonArray(),
        };
        return json;
    }

    public static JsonObject Slot(Slot slot, string zone) => new()
    {
        ["startTime"] = ClinicTime.ToIsoString(slot.Start, zone),
        ["endTime"] = ClinicTime.ToIsoString(slot.End, zone),
        ["practitionerIds"] = new JsonArray([.. slot.PractitionerIds.Select(p => (JsonNode)p)]),
    };

    public static Microsoft.AspNetCore.Mvc.IActionResult Item(Microsoft.AspNetCore.Http.HttpRequest request, Document<Appointment> document, ClinicSetup setup, FunctionContext viewer, int status = 200) =>
        Responses.Item(request, document.ETag, Appointment(document, setup, viewer), status);

    /// <summary>A use case's appointment as the answer (with the names the clinic's setup gives its ids), or its problem.</summary>
    public static Task<Microsoft.AspNetCore.Mvc.IActionResult> ItemAsync(Microsoft.AspNetCore.Http.HttpRequest request, Result<Document<Appointment>> result, ClinicSetupStore setupReader, FunctionContext viewer) =>
        Responses.FromAsync(result, async document => Item(request, document, await setupReader.LoadAsync(document.Body.TenantId, viewer.CancellationToken), viewer));
}
