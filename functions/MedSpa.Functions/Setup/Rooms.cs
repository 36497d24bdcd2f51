namespace MedSpa.Functions.Setup;

/// <summary>Clinic setup: rooms. Staff may look; only admins change.</summary>
public sealed class Rooms(SetupCatalog<Room> catalog) : SetupFunctions<Room>(catalog)
{
    [Function("ListRooms")]
    [CallableBy(Role.Staff)]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms")] HttpRequest request, FunctionContext context) =>
        ListAsync(request, context);

    [Function("GetRoom")]
    [CallableBy(Role.Staff)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms/{id}")] HttpRequest request, string id, FunctionContext context) =>
        GetAsync(request, id, context);

    [Function("CreateRoom")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms")] HttpRequest request, FunctionContext context) =>
        CreateAsync(request, context);

    [Function("UpdateRoom")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "rooms/{id}")] HttpRequest request, string id, FunctionContext context) =>
        UpdateAsync(request, id, context);

    [Function("DeleteRoom")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "rooms/{id}")] HttpRequest request, string id, FunctionContext context) =>
        DeleteAsync(request, id, context);

    [Function("RestoreRoom")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Restore([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{id}/restore")] HttpRequest request, string id, FunctionContext context) =>
        RestoreAsync(request, id, context);
}
