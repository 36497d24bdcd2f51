namespace MedSpa.Functions.Booking;

public sealed class Availability(FindAvailability availability)
{
    [Function("BookingAvailability")]
    [Anonymous]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/availability")] HttpRequest request, FunctionContext context)
    {
        if (Clinic.Of(context, request) is not { } tenantId)
        {
            return Clinic.Required();
        }

        var query = new AvailabilityQuery(Query.Text(request, "serviceId"), Query.Text(request, "locationId"), Query.Text(request, "from"), Query.Text(request, "to"), Query.Text(request, "practitionerId"));
        var online = context.FindCaller()?.Is(Core.Access.Role.Staff) != true;
        var found = await availability.FindAsync(tenantId, query, online, context.CancellationToken);
        return Responses.From(found, view => Responses.Revalidated(request, new JsonObject
        {
            ["timeZone"] = view.TimeZone,
            ["slots"] = new JsonArray([.. view.Slots.Select(s => (JsonNode)BookingJson.Slot(s, view.TimeZone))]),
        }));
    }
}
