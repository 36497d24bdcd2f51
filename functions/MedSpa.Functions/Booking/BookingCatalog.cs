namespace MedSpa.Functions.Booking;

/// <summary>
/// What a clinic offers online: locations, bookable services, practitioners and policies. Public, so a clinic's
/// booking page works before sign-in: the clinic comes from the caller, or from ?clinicId= when signed out.
/// </summary>
public sealed class BookingCatalog(OnlineCatalog catalog, BookingPolicyStore policies)
{
    [Function("BookingLocations")]
    [Anonymous]
    public async Task<IActionResult> Locations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/locations")] HttpRequest request, FunctionContext context)
    {
        if (Clinic.Of(context, request) is not { } tenantId)
        {
            return Clinic.Required();
        }

        return Items(request, (await catalog.LocationsAsync(tenantId, context.CancellationToken)).Select(l => new JsonObject
        {
            ["id"] = l.Id,
            ["name"] = l.Name,
            ["timeZone"] = l.TimeZone,
            ["phone"] = l.Phone,
            ["address"] = System.Text.Json.JsonSerializer.SerializeToNode(l.Address, ApiJson.Options),
        }));
    }

    [Function("BookingServices")]
    [Anonymous]
    public async Task<IActionResult> Services([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/services")] HttpRequest request, FunctionContext context)
    {
        if (Clinic.Of(context, request) is not { } tenantId)
        {
            return Clinic.Required();
        }

        var offered = await catalog.ServicesAsync(tenantId, Query.Text(request, "locationId"), context.CancellationToken);
        return Items(request, offered.Select(s => new JsonObject
        {
            ["id"] = s.Id,
            ["name"] = s.Name,
            ["category"] = s.Category,
            ["description"] = s.Description,
            ["durationMinutes"] = s.DurationMinutes,
            ["price"] = System.Text.Json.JsonSerializer.SerializeToNode(s.Price, ApiJson.Options),
            ["deposit"] = System.Text.Json.JsonSerializer.SerializeToNode(s.Deposit, ApiJson.Options),
            ["depositAmount"] = BookAppointment.DepositFor(s) is { } deposit ? System.Text.Json.JsonSerializer.SerializeToNode(deposit, ApiJson.Options) : null,
            ["requiresConsultation"] = s.RequiresConsultation,
        }));
    }

    [Function("BookingPractitioners")]
    [Anonymous]
    public async Task<IActionResult> Practitioners([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/practitioners")] HttpRequest request, FunctionContext context)
    {
        if (Clinic.Of(context, request) is not { } tenantId)
        {
            return Clinic.Required();
        }

        var practitioners = await catalog.PractitionersAsync(tenantId, Query.Text(request, "serviceId"), Query.Text(request, "locationId"), context.CancellationToken);
        return Items(request, practitioners.Select(s => new JsonObject
        {
            ["id"] = s.Id,
            ["displayName"] = s.DisplayName,
            ["bio"] = s.Practitioner?.Bio,
            ["photoUrl"] = s.Practitioner?.PhotoUrl,
        }));
    }

    [Function("BookingPolicies")]
    [Anonymous]
    public async Task<IActionResult> Policies([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/policies")] HttpRequest request, FunctionContext context)
    {
        if (Clinic.Of(context, request) is not { } tenantId)
        {
            return Clinic.Required();
        }

        return await SettingsDoorway.ReadAsync(request, policies, tenantId, BookingPoliciesContract.From, context.CancellationToken);
    }

    [Function("UpdateBookingPolicies")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> UpdatePolicies([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "booking/policies")] HttpRequest request, FunctionContext context) =>
        SettingsDoorway.SaveAsync(request, context, policies, (BookingPoliciesContract body) => body.ToPolicies(), BookingPoliciesContract.From);

    private static IActionResult Items(HttpRequest request, IEnumerable<JsonObject> items) => Responses.Revalidated(request, new JsonObject { ["items"] = new JsonArray([.. items]) });
}

/// <summary>Which clinic a booking request is for.</summary>
public static class Clinic
{
    public static string? Of(FunctionContext context, HttpRequest request) =>
        context.FindCaller()?.TenantId ?? (Query.Text(request, "clinicId") is { Length: > 0 and <= 100 } id ? id : null);

    public static Error RequiredError { get; } = Error.Invalid.Field("clinicId", "Say which clinic (?clinicId=...) or sign in.");

    public static IActionResult Required() => Problems.From(RequiredError);
}
