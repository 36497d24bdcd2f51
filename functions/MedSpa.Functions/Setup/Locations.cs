namespace MedSpa.Functions.Setup;

/// <summary>Clinic setup: locations. Staff may look; only admins change.</summary>
public sealed class Locations(SetupCatalog<Location> catalog) : SetupFunctions<Location>(catalog)
{
    [Function("ListLocations")]
    [CallableBy(Role.Staff)]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "locations")] HttpRequest request, FunctionContext context) =>
        ListAsync(request, context);

    [Function("GetLocation")]
    [CallableBy(Role.Staff)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "locations/{id}")] HttpRequest request, string id, FunctionContext context) =>
        GetAsync(request, id, context);

    [Function("CreateLocation")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "locations")] HttpRequest request, FunctionContext context) =>
        CreateAsync(request, context);

    [Function("UpdateLocation")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "locations/{id}")] HttpRequest request, string id, FunctionContext context) =>
        UpdateAsync(request, id, context);

    [Function("DeleteLocation")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "locations/{id}")] HttpRequest request, string id, FunctionContext context) =>
        DeleteAsync(request, id, context);

    [Function("RestoreLocation")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Restore([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "locations/{id}/restore")] HttpRequest request, string id, FunctionContext context) =>
        RestoreAsync(request, id, context);
}
