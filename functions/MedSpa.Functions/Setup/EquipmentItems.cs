namespace MedSpa.Functions.Setup;

/// <summary>Clinic setup: equipments. Staff may look; only admins change.</summary>
public sealed class EquipmentItems(SetupCatalog<Equipment> catalog) : SetupFunctions<Equipment>(catalog)
{
    [Function("ListEquipments")]
    [CallableBy(Role.Staff)]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "equipment")] HttpRequest request, FunctionContext context) =>
        ListAsync(request, context);

    [Function("GetEquipment")]
    [CallableBy(Role.Staff)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "equipment/{id}")] HttpRequest request, string id, FunctionContext context) =>
        GetAsync(request, id, context);

    [Function("CreateEquipment")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "equipment")] HttpRequest request, FunctionContext context) =>
        CreateAsync(request, context);

    [Function("UpdateEquipment")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "equipment/{id}")] HttpRequest request, string id, FunctionContext context) =>
        UpdateAsync(request, id, context);

    [Function("DeleteEquipment")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "equipment/{id}")] HttpRequest request, string id, FunctionContext context) =>
        DeleteAsync(request, id, context);

    [Function("RestoreEquipment")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Restore([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "equipment/{id}/restore")] HttpRequest request, string id, FunctionContext context) =>
        RestoreAsync(request, id, context);
}
