namespace MedSpa.Functions.Setup;

/// <summary>Clinic setup: staff members. Staff may look; only admins change.</summary>
public sealed class StaffMembers(SetupCatalog<StaffMember> catalog) : SetupFunctions<StaffMember>(catalog)
{
    [Function("ListStaffMembers")]
    [CallableBy(Role.Staff)]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff")] HttpRequest request, FunctionContext context) =>
        ListAsync(request, context);

    [Function("GetStaffMember")]
    [CallableBy(Role.Staff)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/{id}")] HttpRequest request, string id, FunctionContext context) =>
        GetAsync(request, id, context);

    [Function("CreateStaffMember")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff")] HttpRequest request, FunctionContext context) =>
        CreateAsync(request, context);

    [Function("UpdateStaffMember")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "staff/{id}")] HttpRequest request, string id, FunctionContext context) =>
        UpdateAsync(request, id, context);

    [Function("DeleteStaffMember")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "staff/{id}")] HttpRequest request, string id, FunctionContext context) =>
        DeleteAsync(request, id, context);

    [Function("RestoreStaffMember")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Restore([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/{id}/restore")] HttpRequest request, string id, FunctionContext context) =>
        RestoreAsync(request, id, context);
}
