using System.Text.Json.Serialization;
using MedSpa.Core.GiftCards;
using MedSpa.Core.Scheduling;
using MedSpa.Functions.Billing;

namespace MedSpa.Functions.GiftCards;

/// <param name="DeliverOn">The buyer's wall-clock date and time ("2026-12-02T09:00"), or null to send it once paid.</param>
public sealed record GiftCardPurchaseContract(
    [property: JsonRequired] long Amount,
    [property: JsonRequired] string Currency,
    [property: JsonRequired] string RecipientName,
    [property: JsonRequired] string RecipientEmail,
    string? Message,
    string? DeliverOn,
    [property: JsonRequired] string TimeZone,
    [property: JsonRequired] string IdempotencyKey);

/// <summary>
/// A patient buys a gift card online for someone: the answer carries what the page needs to pay Stripe; the payment's
/// webhook issues the card and a durable timer emails it at the chosen time. The buyer reads how it is going.
/// </summary>
public sealed class GiftCardPurchaseFunctions(BuyGiftCardOnline buy, ReadGiftCardPurchase read)
{
    [Function("BuyGiftCardOnline")]
    [CallableBy(Role.Patient)]
    public Task<IActionResult> Buy([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "gift-cards/online-purchase")] HttpRequest request, FunctionContext context) =>
        RequestBody.HandleAsync<GiftCardPurchaseContract>(request, context, async body =>
        {
            var started = await buy.StartAsync(context.GetCaller(), new GiftCardPurchaseInput(
                body.Amount, body.Currency, body.RecipientName, body.RecipientEmail, body.Message, body.DeliverOn, body.TimeZone, body.IdempotencyKey), context.CancellationToken);
            return Responses.From(started, c =>
            {
                var json = View(c.Purchase);
                json["paymentId"] = c.PaymentId;
                json["clientSecret"] = c.ClientSecret;
                json["provider"] = PaymentProviderJson.From(c.Provider);
                return Responses.Json(json, StatusCodes.Status201Created);
            });
        });

    [Function("GetGiftCardPurchase")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "gift-cards/online-purchase/{id}")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await read.ReadAsync(context.GetCaller(), id, context.CancellationToken), p => Responses.Json(View(p)));

    /// <summary>The purchase without its code (that goes only to the recipient, in the gift email).</summary>
    private static JsonObject View(GiftCardPurchase p) => new()
    {
        ["id"] = p.Id,
        ["status"] = WireNames.Of(p.Status),
        ["amount"] = System.Text.Json.JsonSerializer.SerializeToNode(p.Amount, ApiJson.Options),
        ["recipientName"] = p.RecipientName,
        ["recipientEmail"] = p.RecipientEmail,
        ["message"] = p.Message,
        ["deliverAt"] = p.DeliverAt,
        ["deliverAtLocal"] = ClinicTime.ToIsoString(p.DeliverAt, p.TimeZone),
        ["timeZone"] = p.TimeZone,
        ["deliveredAt"] = p.DeliveredAt,
    };
}
