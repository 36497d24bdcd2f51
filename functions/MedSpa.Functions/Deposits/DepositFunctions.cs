using MedSpa.Core.Deposits;
using MedSpa.Functions.Billing;

namespace MedSpa.Functions.Deposits;

/// <summary>
/// The patient opens the payment of a held booking's deposit: the answer is what their browser needs to pay Stripe (or
/// the local test-payments fake) directly. The outcome comes back by Stripe's webhook and the booking saga acts on it.
/// </summary>
public sealed class DepositFunctions(PayDeposit deposits)
{
    [Function("PayDeposit")]
    [CallableBy(Role.Patient)]
    public async Task<IActionResult> Pay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "booking/appointments/{id}/deposit")] HttpRequest request,
        string id,
        FunctionContext context)
    {
        var caller = context.GetCaller();
        var checkout = await deposits.StartAsync(new Booker(caller.TenantId, caller), id, context.CancellationToken);
        if (!checkout.IsSuccess)
        {
            return Problems.From(checkout.Error);
        }

        var c = checkout.Value;
        return new OkObjectResult(new JsonObject
        {
            ["appointmentId"] = c.AppointmentId,
            ["amount"] = System.Text.Json.JsonSerializer.SerializeToNode(c.Amount, ApiJson.Options),
            ["paymentId"] = c.PaymentId,
            ["clientSecret"] = c.ClientSecret,
            ["provider"] = PaymentProviderJson.From(c.Provider),
        });
    }
}
