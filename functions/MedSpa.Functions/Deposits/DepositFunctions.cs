using MedSpa.Core.Deposits;
using MedSpa.Core.Payments;
using MedSpa.Functions.Orchestrations;

namespace MedSpa.Functions.Deposits;

/// <summary>
/// The patient pays a held booking's deposit. The gateway's outcome is handed to the booking saga as an event, the
/// way the provider's webhook will deliver it; the saga confirms or releases.
/// </summary>
public sealed class DepositFunctions(PayDeposit deposits)
{
    [Function("PayDeposit")]
    [CallableBy(Role.Patient)]
    public async Task<IActionResult> Pay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "booking/appointments/{id}/deposit")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        return await RequestBody.HandleAsync<CardDetails>(request, context, async card =>
        {
            var caller = context.GetCaller();
            var settled = await deposits.PayAsync(new Booker(caller.TenantId, caller), id, card, context.CancellationToken);
            if (!settled.IsSuccess)
            {
                return Problems.From(settled.Error);
            }

            await client.RaiseEventAsync(BookingSaga.InstanceIdFor(caller.TenantId, id), BookingSaga.DepositSettledEvent, settled.Value, context.CancellationToken);
            return new AcceptedResult($"/api/booking/appointments/{id}", new { status = settled.Value.Succeeded ? "processing" : "declined", reason = settled.Value.Reason });
        });
    }
}
