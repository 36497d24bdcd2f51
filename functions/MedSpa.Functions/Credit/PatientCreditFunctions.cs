using System.Text.Json.Serialization;
using MedSpa.Core.Credit;

namespace MedSpa.Functions.Credit;

/// <summary>
/// A patient's account credit: read by the desk, admins and the patient; given as goodwill by an admin. It is spent at
/// checkout (POST /api/payments, tender "credit") and added by refunds given as credit (POST /api/payments/refund, asCredit).
/// </summary>
public sealed class PatientCreditFunctions(ReadPatientCredit read, GrantCredit grant)
{
    [Function("GetPatientCredit")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/credit")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await read.ReadAsync(context.GetCaller(), id, context.CancellationToken), credit => Responses.Json(Json(credit)));

    [Function("GrantPatientCredit")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Grant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "patients/{id}/credit")] HttpRequest request, string id, FunctionContext context) =>
        RequestBody.HandleKeyedAsync<GrantCreditContract>(request, context, async () => (await read.ReadAsync(context.GetCaller(), id, context.CancellationToken)).Error, b => b.IdempotencyKey, async body =>
        {
            var granted = await grant.GrantAsync(context.GetCaller(), new CreditGrant(id, body.Amount, body.Reason, body.IdempotencyKey), context.CancellationToken);
            return Responses.From(granted, credit => Responses.Json(Json(credit)));
        });

    private static JsonObject Json(PatientCredit credit) => new()
    {
        ["patientId"] = credit.PatientId,
        ["currency"] = credit.Currency,
        ["balance"] = credit.Balance,
        ["movements"] = new JsonArray([.. credit.Movements.Select(m => (JsonNode)new JsonObject
        {
            ["type"] = WireNames.Of(m.Type),
            ["amount"] = m.Amount,
            ["invoiceId"] = m.ForInvoice,
            ["reason"] = m.Reason,
            ["at"] = m.At,
            ["by"] = m.By,
        })]),
    };
}

/// <summary>POST /api/patients/{id}/credit: minor units, why, and a key so a retry grants once.</summary>
public sealed record GrantCreditContract([property: JsonRequired] long Amount, [property: JsonRequired] string Reason, [property: JsonRequired] string IdempotencyKey);
