namespace MedSpa.Functions.Setup;

/// <summary>
/// The doorway shared by the clinic-setup resources: read the request, call the catalog, map the result.
/// Each resource's class declares its own [Function] methods, routes and access rules.
/// </summary>
public abstract class SetupFunctions<T>(SetupStore<T> catalog)
    where T : SetupItem
{
    protected async Task<IActionResult> ListAsync(HttpRequest request, FunctionContext context)
    {
        var pageSize = Query.WholeNumber(request, "pageSize", 50);
        var includeDeleted = Query.Bool(request, "includeDeleted");
        if (!pageSize.IsSuccess)
        {
            return Problems.From(pageSize.Error);
        }

        if (!includeDeleted.IsSuccess)
        {
            return Problems.From(includeDeleted.Error);
        }

        var query = new SetupListQuery(Query.Text(request, "q"), includeDeleted.Value, pageSize.Value, Query.Text(request, "continuationToken"));
        return Responses.From(await catalog.ListAsync(context.GetCaller(), query, context.CancellationToken), Responses.Page);
    }

    protected async Task<IActionResult> GetAsync(HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await catalog.GetAsync(context.GetCaller(), id, context.CancellationToken), d => Responses.Item(request, d));

    protected async Task<IActionResult> CreateAsync(HttpRequest request, FunctionContext context)
    {
        return await RequestBody.HandleAsync<T>(request, context, async body =>
        {
            var created = await catalog.CreateAsync(context.GetCaller(), body, context.CancellationToken);
            return Responses.From(created, d => Responses.Item(request, d, StatusCodes.Status201Created));
        });
    }

    protected async Task<IActionResult> UpdateAsync(HttpRequest request, string id, FunctionContext context)
    {
        return await RequestBody.HandleAsync<T>(request, context, async body =>
        {
            var updated = await catalog.UpdateAsync(context.GetCaller(), id, body, Responses.IfMatch(request), context.CancellationToken);
            return Responses.From(updated, d => Responses.Item(request, d));
        });
    }

    protected async Task<IActionResult> DeleteAsync(HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await catalog.DeleteAsync(context.GetCaller(), id, Responses.IfMatch(request), context.CancellationToken), _ => new NoContentResult());

    protected async Task<IActionResult> RestoreAsync(HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await catalog.RestoreAsync(context.GetCaller(), id, Responses.IfMatch(request), context.CancellationToken), d => Responses.Item(request, d));
}
