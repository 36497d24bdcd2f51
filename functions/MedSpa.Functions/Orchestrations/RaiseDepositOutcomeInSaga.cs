using MedSpa.Core.Deposits;
using MedSpa.Core.Payments;
using MedSpa.Functions.Events;

namespace MedSpa.Functions.Orchestrations;

/// <summary>
/// The provider decided a deposit: the booking saga waiting for it hears the outcome. A saga that has ended (the booking
/// confirmed or released, or a later event about a deposit captured at checkout) is not told again.
/// </summary>
public sealed class RaiseDepositOutcomeInSaga : DomainEventHandler<DepositOutcomeKnown>
{
    protected override async Task HandleAsync(DepositOutcomeKnown known, DurableTaskClient client, CancellationToken ct)
    {
        var instanceId = BookingSaga.InstanceIdFor(known.TenantId, known.AppointmentId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            await client.RaiseEventAsync(instanceId, BookingSaga.DepositSettledEvent, new DepositSettled(known.AppointmentId, known.Succeeded, known.Reason), ct);
        }
    }
}
