using System.Text.Json;
using MedSpa.Functions.Setup.Contracts;

namespace MedSpa.Functions.Setup;

/// <summary>
/// The doorway shared by the clinic-setup resources: read the request as the resource's contract, call the catalog,
/// answer with the contract plus what the server owns. Each resource's class declares its own [Function] methods,
/// routes and access rules.
/// </summary>
public abstract class SetupFunctions<T, TContract>(SetupStore<T> catalog)
    where T : SetupItem
    where TContract : class, ISetupContract<T, TContract>
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
        return Responses.From(await catalog.ListAsync(context.GetCaller(), query, context.CancellationToken), Page);
    }

    protected async Task<IActionResult> GetAsync(HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await catalog.GetAsync(context.GetCaller(), id, context.CancellationToken), d => Item(request, d));

    protected async Task<IActionResult> CreateAsync(HttpRequest request, FunctionContext context)
    {
        return await RequestBody.HandleAsync<TContract>(request, context, async body =>
        {
            var created = await catalog.CreateAsync(context.GetCaller(), body.ToItem(), context.CancellationToken);
            return Responses.From(created, d => Item(request, d, StatusCodes.Status201Created));
        });
    }

    protected async Task<IActionResult> UpdateAsync(HttpRequest request, string id, FunctionContext context)
    {
        return await RequestBody.HandleAsync<TContract>(request, context, async body =>
        {
            var updated = await catalog.UpdateAsync(context.GetCaller(), id, body.ToItem(), Responses.IfMatch(request), context.CancellationToken);
            return Responses.From(updated, d => Item(request, d));
        });
    }

    protected async Task<IActionResult> DeleteAsync(HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await catalog.DeleteAsync(context.GetCaller(), id, Responses.IfMatch(request), context.CancellationToken), _ => new NoContentResult());

    protected async Task<IActionResult> RestoreAsync(HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await catalog.RestoreAsync(context.GetCaller(), id, Responses.IfMatch(request), context.CancellationToken), d => Item(request, d));

    private static IActionResult Item(HttpRequest request, Document<T> document, int status = StatusCodes.Status200OK) =>
        Responses.Item(request, document.ETag, ToJson(document), status);

    private static IActionResult Page(DocumentPage<T> page) => Responses.Page(page, ToJson);

    /// <summary>The contract's fields and, after them, the ones the server owns.</summary>
    private static JsonObject ToJson(Document<T> document)
    {
        var json = JsonSerializer.SerializeToNode(TContract.From(document.Body), ApiJson.Options) as JsonObject
            ?? throw new InvalidOperationException($"A {typeof(TContract).Name} must serialize to a JSON object.");
        json["id"] = document.Body.Id;
        json["deleted"] = document.Body.Deleted;
        json["createdAt"] = document.Body.CreatedAt;
        json["updatedAt"] = document.Body.UpdatedAt;
        json["displayName"] = document.Body.DisplayName;
        json["etag"] = document.ETag;
        return json;
    }
}
