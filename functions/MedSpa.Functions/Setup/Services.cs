namespace MedSpa.Functions.Setup;

/// <summary>Clinic setup: services. Staff may look; only admins change.</summary>
public sealed class Services(SetupCatalog<Service> catalog) : SetupFunctions<Service>(catalog)
{
    [Function("ListServices")]
    [CallableBy(Role.Staff)]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "services")] HttpRequest request, FunctionContext context) =>
        ListAsync(request, context);

    [Function("GetService")]
    [CallableBy(Role.Staff)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "services/{id}")] HttpRequest request, string id, FunctionContext context) =>
        GetAsync(request, id, context);

    [Function("CreateService")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "services")] HttpRequest request, FunctionContext context) =>
        CreateAsync(request, context);

    [Function("UpdateService")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "services/{id}")] HttpRequest request, string id, FunctionContext context) =>
        UpdateAsync(request, id, context);

    [Function("DeleteService")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "services/{id}")] HttpRequest request, string id, FunctionContext context) =>
        DeleteAsync(request, id, context);

    [Function("RestoreService")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Restore([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "services/{id}/restore")] HttpRequest request, string id, FunctionContext context) =>
        RestoreAsync(request, id, context);
}
