using System.Text.Json.Serialization;
using MedSpa.Core.GiftCards;
using MedSpa.Functions.Billing;

namespace MedSpa.Functions.GiftCards;

public sealed record NewGiftCardContract(
    [property: JsonRequired] long Amount,
    long? Bonus,
    [property: JsonRequired] string Currency,
    string? RecipientName,
    string? RecipientEmail,
    string? Message,
    DateOnly? ExpiresOn,
    [property: JsonRequired] string IdempotencyKey);

public sealed record RedeemGiftCardContract([property: JsonRequired] string InvoiceId, [property: JsonRequired] long Amount, [property: JsonRequired] string IdempotencyKey);

public sealed record ReloadGiftCardContract([property: JsonRequired] long Amount, [property: JsonRequired] string IdempotencyKey);

public sealed record TransferGiftCardContract([property: JsonRequired] string IdempotencyKey);

/// <summary>
/// Gift cards at the desk: sell one (the code is shown once), check a balance (rate-limited), pay an invoice with it,
/// reload it, move its value to a new card; admins read the clinic's liability by month.
/// </summary>
public sealed class GiftCardFunctions(IssueGiftCard issue, CheckGiftCardBalance check, RedeemGiftCard redeem, ReloadGiftCard reload, TransferGiftCard transfer, GiftCardLiabilityReport report)
{
    [Function("IssueGiftCard")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public Task<IActionResult> Issue([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "gift-cards")] HttpRequest request, FunctionContext context) =>
        RequestBody.HandleAsync<NewGiftCardContract>(request, context, async body =>
        {
            if (Key(body.IdempotencyKey) is { } bad)
            {
                return bad;
            }

            var issued = await issue.IssueAsync(context.GetCaller(), new NewGiftCard(body.Amount, body.Bonus ?? 0, body.Currency, body.RecipientName, body.RecipientEmail, body.Message, body.ExpiresOn, body.IdempotencyKey), context.CancellationToken);
            return Responses.From(issued, v => Responses.Json(View(v), StatusCodes.Status201Created));
        });

    [Function("GetGiftCard")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "gift-cards/{code}")] HttpRequest request, string code, FunctionContext context) =>
        Responses.From(await check.CheckAsync(context.GetCaller(), code, context.CancellationToken), v => Responses.Json(View(v)));

    [Function("RedeemGiftCard")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public Task<IActionResult> Redeem([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "gift-cards/{code}/redeem")] HttpRequest request, string code, FunctionContext context) =>
        RequestBody.HandleAsync<RedeemGiftCardContract>(request, context, async body =>
        {
            if (Key(body.IdempotencyKey) is { } bad)
            {
                return bad;
            }

            var redeemed = await redeem.RedeemAsync(context.GetCaller(), code, body.InvoiceId, body.Amount, body.IdempotencyKey, context.CancellationToken);
            return Responses.From(redeemed, r => Responses.Json(new JsonObject { ["giftCard"] = View(r.Card), ["invoice"] = InvoiceResponse.From(r.Invoice) }, StatusCodes.Status201Created));
        });

    [Function("ReloadGiftCard")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public Task<IActionResult> Reload([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "gift-cards/{code}/reload")] HttpRequest request, string code, FunctionContext context) =>
        RequestBody.HandleAsync<ReloadGiftCardContract>(request, context, async body =>
        {
            if (Key(body.IdempotencyKey) is { } bad)
            {
                return bad;
            }

            return Responses.From(await reload.ReloadAsync(context.GetCaller(), code, body.Amount, body.IdempotencyKey, context.CancellationToken), v => Responses.Json(View(v)));
        });

    [Function("TransferGiftCard")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public Task<IActionResult> Transfer([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "gift-cards/{code}/transfer")] HttpRequest request, string code, FunctionContext context) =>
        RequestBody.HandleAsync<TransferGiftCardContract>(request, context, async body =>
        {
            if (Key(body.IdempotencyKey) is { } bad)
            {
                return bad;
            }

            return Responses.From(await transfer.TransferAsync(context.GetCaller(), code, body.IdempotencyKey, context.CancellationToken), v => Responses.Json(View(v), StatusCodes.Status201Created));
        });

    [Function("GiftCardReport")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Report([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "gift-cards/report")] HttpRequest request, FunctionContext context) =>
        Responses.Json(new JsonObject
        {
            ["months"] = System.Text.Json.JsonSerializer.SerializeToNode(await report.ForClinicAsync(context.GetCaller().TenantId, context.CancellationToken), ApiJson.Options),
        });

    private static ObjectResult? Key(string key) => IdempotencyKeys.IsValid(key)
        ? null
        : Problems.From(new Error.Invalid(new Dictionary<string, string[]> { [IdempotencyKeys.Field] = IdempotencyKeys.Message }));

    private static JsonObject View(GiftCardView v) => new()
    {
        ["code"] = v.Code, // only when just issued or transferred: the bearer's secret
        ["last4"] = v.Card.Last4,
        ["currency"] = v.Card.Currency,
        ["balance"] = v.Balance.Total,
        ["paidBalance"] = v.Balance.Paid,
        ["bonusBalance"] = v.Balance.Bonus,
        ["recipientName"] = v.Card.RecipientName,
        ["expiresOn"] = v.Card.ExpiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["expired"] = v.Expired,
        ["transferredTo"] = v.Card.TransferredTo,
    };
}
