using System.Text.Json;
using MedSpa.Functions.Orchestrations;
using MedSpa.Core.Waitlist;
using MedSpa.Functions.Booking;

namespace MedSpa.Functions.Waitlist;

/// <summary>
/// The waitlist: patients join (staff add them), see and leave their entries; when a cancellation frees a matching
/// time the WaitlistOffer orchestration offers it, and the first patient to accept here is booked.
/// </summary>
public sealed class WaitlistFunctions(JoinWaitlist join, WaitlistDesk desk, AcceptWaitlistOffer accept, AppointmentStore appointments, ClinicSetupStore setupReader, Events.DomainEventPublisher events)
{
    [Function("JoinWaitlist")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> Join([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "booking/waitlist")] HttpRequest request, FunctionContext context)
    {
        return await RequestBody.HandleAsync<WaitlistRequest>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var joined = await join.JoinAsync(caller, body, context.CancellationToken);
            return joined.IsSuccess
                ? Entry(request, joined.Value, await setupReader.LoadAsync(caller.TenantId, context.CancellationToken), StatusCodes.Status201Created)
                : Problems.From(joined.Error);
        });
    }

    [Function("Waitlist")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/waitlist")] HttpRequest request, FunctionContext context)
    {
        var includeClosed = Query.Bool(request, "includeClosed");
        if (!includeClosed.IsSuccess)
        {
            return Problems.From(includeClosed.Error);
        }

        var caller = context.GetCaller();
        var listed = await desk.ListAsync(caller, Query.Text(request, "locationId"), includeClosed.Value, context.CancellationToken);
        if (!listed.IsSuccess)
        {
            return Problems.From(listed.Error);
        }

        var setup = await setupReader.LoadAsync(caller.TenantId, context.CancellationToken);
        return Responses.Json(new { items = listed.Value.Select(d => WaitlistEntryResponse.From(d, setup)).ToList() });
    }

    [Function("LeaveWaitlist")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> Leave([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "booking/waitlist/{id}")] HttpRequest request, string id, FunctionContext context)
    {
        var caller = context.GetCaller();
        var left = await desk.LeaveAsync(caller, id, context.CancellationToken);
        return await Responses.FromAsync(left, async d => Entry(request, d, await setupReader.LoadAsync(caller.TenantId, context.CancellationToken)));
    }

    [Function("GetWaitlistOffer")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> GetOffer([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/waitlist/offers/{offerId}")] HttpRequest request, string offerId, FunctionContext context)
    {
        var caller = context.GetCaller();
        var found = await desk.GetOfferAsync(caller, offerId, context.CancellationToken);
        return await Responses.FromAsync(found, async d => Offer(d, await setupReader.LoadAsync(caller.TenantId, context.CancellationToken)));
    }

    /// <summary>
    /// The patient accepts an offer. The acceptance goes to the offer's orchestration, which books the first one it
    /// receives; this waits for its verdict: 200 with the booking, 409 when someone else was first, 410 when the window closed.
    /// </summary>
    [Function("AcceptWaitlistOffer")]
    [CallableBy(Role.Patient)]
    public async Task<IActionResult> Accept(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "booking/waitlist/offers/{offerId}/accept")] HttpRequest request,
        string offerId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var caller = context.GetCaller();
        var ct = context.CancellationToken;
        var accepted = await accept.AcceptAsync(caller, offerId, ct);
        if (!accepted.IsSuccess)
        {
            return Problems.From(accepted.Error);
        }

        await events.PublishAsync(client, ct);
        var (offer, answer) = await accept.AwaitVerdictAsync(caller, accepted.Value, ct);
        return answer switch
        {
            OfferAnswer.Booked when offer.AppointmentId is { } appointmentId && await appointments.GetAsync(caller.TenantId, appointmentId, ct) is { } booked
                => BookingJson.Item(request, booked, await setupReader.LoadAsync(caller.TenantId, ct), context),
            OfferAnswer.Taken => Problems.From(new Error.Conflict("Sorry, that time has already been taken by someone else on the waitlist. You are still on the waitlist.")),
            OfferAnswer.Failed => Problems.From(new Error.Conflict(offer.Reason ?? "That time could not be booked for you.")),
            OfferAnswer.Closed => Problems.Create(StatusCodes.Status410Gone, "Gone", "The time to accept this offer has passed; it has been offered to others. You are still on the waitlist."),
            _ => new AcceptedResult($"/api/booking/waitlist/offers/{offer.Id}", OfferJson(offer, await setupReader.LoadAsync(caller.TenantId, ct))),
        };
    }

    private static IActionResult Entry(HttpRequest request, Document<WaitlistEntry> document, ClinicSetup setup, int status = StatusCodes.Status200OK) =>
        Responses.Item(request, document.ETag, WaitlistEntryResponse.From(document, setup), status);

    private static IActionResult Offer(Document<WaitlistSlotOffer> document, ClinicSetup setup) => Responses.Json(WaitlistOfferResponse.From(document.Body, setup));

    /// <summary>The offer already in the API's JSON: MVC would write a result's value with its own options (enums as numbers, nulls kept).</summary>
    private static JsonNode? OfferJson(WaitlistSlotOffer offer, ClinicSetup setup) => JsonSerializer.SerializeToNode(WaitlistOfferResponse.From(offer, setup), ApiJson.Options);
}
