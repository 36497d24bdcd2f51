using MedSpa.Core.Payments;
using MedSpa.Functions.Events;

namespace MedSpa.Functions.Webhooks;

/// <summary>
/// Stripe's webhook. Anyone may knock; only a body signed with the endpoint's secret within the last five minutes is
/// read (Stripe-Signature over the raw body). Each event is acted on once and answered at once; repeats get 200 too, so
/// Stripe stops retrying them.
/// </summary>
public sealed class StripeWebhook(RecordPaymentEvent record, DomainEventPublisher events)
{
    /// <summary>Stripe's events are a few kilobytes; anything near this is not one.</summary>
    private const int MaxBytes = 256 * 1024;

    [Function("StripeWebhook")]
    [Anonymous]
    public async Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/stripe")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var body = await RequestBody.ReadBytesAsync(request, MaxBytes, "A Stripe event is at most 256 KB.", context.CancellationToken);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Error);
        }

        string json;
        try
        {
            json = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Value);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Problems.From(new Error.Invalid(new Dictionary<string, string[]> { ["body"] = ["The body is not UTF-8 text."] }));
        }

        var outcome = await record.RecordAsync(json, request.Headers["Stripe-Signature"].ToString(), context.CancellationToken);
        if (!outcome.IsSuccess)
        {
            return Problems.From(outcome.Error);
        }

        await events.PublishAsync(client, context.CancellationToken);
        return new OkObjectResult(new JsonObject { ["received"] = true, ["outcome"] = outcome.Value });
    }
}
