namespace MedSpa.Functions.Booking;

/// <summary>
/// What a clinic offers online: locations, bookable services, practitioners and policies. Public, so a clinic's
/// booking page works before sign-in: the clinic comes from the caller, or from ?clinicId= when signed out.
/// </summary>
public sealed class BookingCatalog(ClinicSetupStore setupReader, BookingPolicyStore policies)
{
    [Function("BookingLocations")]
    [Anonymous]
    public async Task<IActionResult> Locations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/locations")] HttpRequest request, FunctionContext context)
    {
        if (Clinic.Of(context, request) is not { } tenantId)
        {
            return Clinic.Required();
        }

        var setup = await setupReader.LoadAsync(tenantId, context.CancellationToken);
        return Items(setup.Locations.Where(l => !l.Deleted).OrderBy(l => l.Name).Select(l => new JsonObject
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

        var setup = await setupReader.LoadAsync(tenantId, context.CancellationToken);
        var locationId = Query.Text(request, "locationId");
        var offered = setup.Services.Where(s => !s.Deleted && s.OnlineBookable && (locationId is null || Performable(setup, s, locationId)));
        return Items(offered.OrderBy(s => s.Category).ThenBy(s => s.Name).Select(s => new JsonObject
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

        var setup = await setupReader.LoadAsync(tenantId, context.CancellationToken);
        var service = setup.Service(Query.Text(request, "serviceId"));
        var locationId = Query.Text(request, "locationId");
        var practitioners = setup.Staff.Where(s => !s.Deleted && s.Role == StaffRole.Practitioner
            && (service is null || service.IsPerformedBy(s))
            && (locationId is null || s.WorkingHours.Any(h => h.LocationId == locationId)));
        return Items(practitioners.OrderBy(s => s.LastName).Select(s => new JsonObject
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

        var document = await policies.GetAsync(tenantId, context.CancellationToken);
        Responses.SetETag(request, document.ETag);
        return Responses.Json(document.Body);
    }

    [Function("UpdateBookingPolicies")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> UpdatePolicies([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "booking/policies")] HttpRequest request, FunctionContext context)
    {
        return await RequestBody.HandleAsync<BookingPolicies>(request, context, async body =>
        {
            var saved = await policies.UpdateAsync(context.GetCaller().TenantId, body, Responses.IfMatch(request), context.CancellationToken);
            return Responses.From(saved, d =>
            {
                Responses.SetETag(request, d.ETag);
                return Responses.Json(d.Body);
            });
        });
    }

    private static bool Performable(ClinicSetup setup, Service service, string locationId) =>
        setup.Staff.Any(s => service.IsPerformedBy(s) && s.WorkingHours.Any(h => h.LocationId == locationId));

    private static IActionResult Items(IEnumerable<JsonObject> items) => Responses.Json(new JsonObject { ["items"] = new JsonArray([.. items]) });
}

/// <summary>Which clinic a booking request is for.</summary>
public static class Clinic
{
    public static string? Of(FunctionContext context, HttpRequest request) =>
        context.FindCaller()?.TenantId ?? (Query.Text(request, "clinicId") is { Length: > 0 and <= 100 } id ? id : null);

    public static Error RequiredError { get; } = Error.Invalid.Field("clinicId", "Say which clinic (?clinicId=...) or sign in.");

    public static IActionResult Required() => Problems.From(RequiredError);
}
