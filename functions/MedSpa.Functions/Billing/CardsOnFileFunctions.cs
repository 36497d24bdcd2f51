using MedSpa.Core.Payments;

namespace MedSpa.Functions.Billing;

/// <summary>
/// A patient's cards on file: list (with whether each still works), add (the browser confirms a SetupIntent with
/// Stripe), remove. The patient their own; the desk and admins any patient's.
/// </summary>
public sealed class CardsOnFileFunctions(CardsOnFile cards)
{
    [Function("GetPaymentMethods")] // not a paged list: a patient has a handful of cards
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/methods/{patientId}")] HttpRequest request, string patientId, FunctionContext context) =>
        Responses.From(await cards.ListAsync(context.GetCaller(), patientId, context.CancellationToken), list => Responses.Json(new JsonObject
        {
            ["items"] = new JsonArray([.. list.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Card.Id,
                ["brand"] = c.Card.Brand,
                ["last4"] = c.Card.Last4,
                ["expiryMonth"] = c.Card.ExpiryMonth,
                ["expiryYear"] = c.Card.ExpiryYear,
                ["expired"] = c.Expired,
                ["expiresSoon"] = !c.Expired && c.ExpiresWithin60Days,
            })]),
        }));

    [Function("AddPaymentMethod")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    public Task<IActionResult> Add([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments/methods")] HttpRequest request, FunctionContext context) =>
        RequestBody.HandleAsync<AddCardContract>(request, context, async body =>
        {
            if (!IdempotencyKeys.IsValid(body.IdempotencyKey))
            {
                var exists = await cards.ListAsync(context.GetCaller(), body.PatientId, context.CancellationToken);
                return Problems.From(exists.IsSuccess ? new Error.Invalid(new Dictionary<string, string[]> { [IdempotencyKeys.Field] = IdempotencyKeys.Message }) : exists.Error);
            }

            var started = await cards.StartAddingAsync(context.GetCaller(), body.PatientId, body.IdempotencyKey, context.CancellationToken);
            return Responses.From(started, s => Responses.Json(new JsonObject
            {
                ["clientSecret"] = s.ClientSecret,
                ["provider"] = PaymentProviderJson.From(s.Provider),
            }));
        });

    [Function("RemovePaymentMethod")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    public async Task<IActionResult> Remove([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "payments/methods/{id}")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await cards.RemoveAsync(context.GetCaller(), id, context.CancellationToken), _ => new NoContentResult());
}

public sealed record AddCardContract([property: System.Text.Json.Serialization.JsonRequired] string PatientId, [property: System.Text.Json.Serialization.JsonRequired] string IdempotencyKey);
