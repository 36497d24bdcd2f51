using MedSpa.Core.Billing;

namespace MedSpa.Functions.Billing;

/// <summary>
/// Money on invoices: the desk takes cash or opens a card payment (the card goes from the page to Stripe); a patient pays
/// their own invoice by card online; the desk refunds up to the clinic's limit, an admin beyond it.
/// </summary>
public sealed class PaymentFunctions(TakePayment take, RefundPayment refund, InvoiceAccess access, Events.DomainEventPublisher events)
{
    [Function("TakePayment")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    public Task<IActionResult> Pay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments")] HttpRequest request,
        [Microsoft.Azure.Functions.Worker.DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client,
        FunctionContext context) =>
        RequestBody.HandleAsync<PaymentContract>(request, context, async body =>
        {
            var caller = context.GetCaller();
            if (WireNames.Parse<Tender>(body.Tender) is not { } tender)
            {
                return await RefusedAfterAccessAsync(caller, body.InvoiceId, "tender", "One of cash, card, gift-card, credit.", context);
            }

            var errors = new Dictionary<string, string[]>();
            if (body.Amount <= 0)
            {
                errors["amount"] = ["More than 0, in minor units (cents)."];
            }

            if (!IdempotencyKeys.IsValid(body.IdempotencyKey))
            {
                errors[IdempotencyKeys.Field] = IdempotencyKeys.Message;
            }

            if (errors.Count > 0)
            {
                return await RefusedAfterAccessAsync(caller, body.InvoiceId, errors, context);
            }

            var taken = await take.PayAsync(caller, new PaymentInput(body.InvoiceId, tender, body.Amount, body.Tendered, body.IdempotencyKey), context.CancellationToken);
            await events.PublishAsync(client, context.CancellationToken);
            return Responses.From(taken, t => Responses.Json(new JsonObject
            {
                ["paymentId"] = t.Entry?.Id,
                ["change"] = t.Change,
                ["card"] = t.Card is { } card ? new JsonObject
                {
                    ["paymentId"] = card.PaymentId,
                    ["clientSecret"] = card.ClientSecret,
                    ["amount"] = System.Text.Json.JsonSerializer.SerializeToNode(card.Amount, ApiJson.Options),
                    ["provider"] = PaymentProviderJson.From(card.Provider),
                } : null,
                ["invoice"] = InvoiceResponse.From(t.Invoice),
            }, t.Entry is null ? StatusCodes.Status200OK : StatusCodes.Status201Created));
        });

    [Function("RefundPayment")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public Task<IActionResult> Refund([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments/refund")] HttpRequest request, FunctionContext context) =>
        RequestBody.HandleAsync<RefundContract>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var errors = new Dictionary<string, string[]>();
            if (body.Amount is <= 0)
            {
                errors["amount"] = ["More than 0, in minor units (cents); leave it out to refund all that is left."];
            }

            if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 200 || body.Reason.Any(char.IsControl))
            {
                errors["reason"] = ["Say why, in up to 200 characters."];
            }

            if (!IdempotencyKeys.IsValid(body.IdempotencyKey))
            {
                errors[IdempotencyKeys.Field] = IdempotencyKeys.Message;
            }

            if (errors.Count > 0)
            {
                return await RefusedAfterAccessAsync(caller, body.InvoiceId, errors, context);
            }

            var refunded = await refund.RefundAsync(caller, new RefundInput(body.InvoiceId, body.PaymentId, body.Amount, body.Reason.Trim(), body.IdempotencyKey, body.LineId, body.AsCredit), context.CancellationToken);
            return Responses.From(refunded, r => Responses.Json(new JsonObject { ["refundId"] = r.Refund.Id, ["invoice"] = InvoiceResponse.From(r.Invoice) }, StatusCodes.Status201Created));
        });

    private Task<IActionResult> RefusedAfterAccessAsync(Caller caller, string invoiceId, string field, string message, FunctionContext context) =>
        RefusedAfterAccessAsync(caller, invoiceId, new Dictionary<string, string[]> { [field] = [message] }, context);

    /// <summary>Bad input on an invoice the caller may not see is "not found", as the invoice itself would be.</summary>
    private async Task<IActionResult> RefusedAfterAccessAsync(Caller caller, string invoiceId, Dictionary<string, string[]> errors, FunctionContext context)
    {
        var found = await access.ReadAsync(caller, invoiceId, context.CancellationToken);
        return Problems.From(found.IsSuccess ? new Error.Invalid(errors) : found.Error);
    }
}
