using MedSpa.Core.Photos;

namespace MedSpa.Functions.Photos;

/// <summary>
/// Clinical photos: added to a visit's chart from a phone or tablet camera, listed per chart or per patient (for a
/// before/after) with short-lived links to the images, served through the API where the store mints no links, removed
/// when taken by mistake, and the clinic's marketing export. Every read is audited; who may do what is <see cref="ReadPhotos"/>' and <see cref="AddChartPhoto"/>'s.
/// </summary>
public sealed class PhotoFunctions(AddChartPhoto add, ReadPhotos read, RemoveChartPhoto remove)
{
    // The image is the raw body (what a camera input gives), the angle a query parameter: no multipart parsing to get wrong.
    [Function("AddChartPhoto")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> Add([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "charts/{id}/photos")] HttpRequest request, string id, FunctionContext context)
    {
        var image = await RequestBody.ReadBytesAsync(request, AddChartPhoto.MaxBytes, "A photo may be at most 20 MB.", context.CancellationToken);
        if (!image.IsSuccess)
        {
            return Problems.From(image.Error);
        }

        var caller = context.GetCaller();
        var added = await add.AddAsync(caller, id, Query.Text(request, "angle"), image.Value, context.CancellationToken);
        if (!added.IsSuccess)
        {
            return Problems.From(added.Error);
        }

        // The answer carries the links, as a list does: the page shows the photo it just took.
        var seen = await read.OfChartAsync(caller, id, context.CancellationToken);
        return Responses.From(seen, photos => Responses.Json(PhotoResponse.From(photos.Single(p => p.Photo.Id == added.Value.Id)), StatusCodes.Status201Created));
    }

    [Function("GetChartPhotos")]
    [CallableBy(Role.Admin | Role.Practitioner | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> OfChart([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "charts/{id}/photos")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await read.OfChartAsync(context.GetCaller(), id, context.CancellationToken), PhotoResponse.Items);

    [Function("GetPatientPhotos")]
    [CallableBy(Role.Admin | Role.Practitioner | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> OfPatient([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/photos")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await read.OfPatientAsync(context.GetCaller(), id, Query.Text(request, "angle"), context.CancellationToken), PhotoResponse.Items);

    [Function("GetPhotoImage")]
    [CallableBy(Role.Admin | Role.Practitioner | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> Image([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "photos/{id}/image")] HttpRequest request, string id, FunctionContext context)
    {
        var size = Query.Text(request, "size");
        if (size is not (null or "full" or "thumbnail"))
        {
            return Problems.From(Error.Invalid.Field("size", "full or thumbnail."));
        }

        return Responses.From(await read.ImageAsync(context.GetCaller(), id, size == "thumbnail", context.CancellationToken), file =>
        {
            request.HttpContext.Response.Headers.CacheControl = "private, max-age=600"; // a photo never changes; a new one has a new id
            return new FileStreamResult(file.Content, file.ContentType);
        });
    }

    [Function("RemovePhoto")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public Task<IActionResult> Remove([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "photos/{id}/remove")] HttpRequest request, string id, FunctionContext context) =>
        RequestBody.HandleAsync<RemoveChartPhoto.Request>(request, context, async body =>
            Responses.From(await remove.RemoveAsync(context.GetCaller(), id, body, context.CancellationToken),
                photo => Responses.Json(new { photo.Id, photo.ChartId, photo.Removed })));

    [Function("ListMarketingPhotos")]
    [CallableBy(Role.Admin)]
    [AuditsReads]
    public async Task<IActionResult> ForMarketing([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "photos/marketing")] HttpRequest request, FunctionContext context)
    {
        var pageSize = Query.WholeNumber(request, "pageSize", 50);
        if (!pageSize.IsSuccess)
        {
            return Problems.From(pageSize.Error);
        }

        return Responses.From(await read.ForMarketingAsync(context.GetCaller(), pageSize.Value, Query.Text(request, "continuationToken"), context.CancellationToken),
            page => Responses.Json(new { Items = page.Items.Select(PhotoResponse.From), page.ContinuationToken }));
    }
}
