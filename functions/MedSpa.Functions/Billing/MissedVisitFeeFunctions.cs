using MedSpa.Core.Billing;

namespace MedSpa.Functions.Billing;

/// <summary>
/// POST /api/appointments/{id}/fee: the desk charges a no-show or late-cancellation fee to the card on file, under the
/// policy the patient accepted. One fee per appointment, so a repeated request answers the same invoice.
/// </summary>
public sealed class MissedVisitFeeFunctions(ChargeMissedVisitFee charge, Events.DomainEventPublisher events)
{
    [Function("ChargeMissedVisitFee")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public async Task<IActionResult> Charge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "appointments/{id}/fee")] HttpRequest request,
        string id,
        [Microsoft.Azure.Functions.Worker.DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client,
        FunctionContext context)
    {
        var charged = await charge.ChargeAsync(context.GetCaller(), id, context.CancellationToken);
        await events.PublishAsync(client, context.CancellationToken);
        return Responses.From(charged, v => Responses.Item(request, v.Document.ETag, InvoiceResponse.From(v)));
    }
}
