using MedSpa.Core.Deposits;
using MedSpa.Core.Payments;
using MedSpa.Functions.Events;

namespace MedSpa.Functions.Orchestrations;

/// <summary>The provider decided a deposit: the booking saga waiting for it hears the outcome.</summary>
public sealed class RaiseDepositOutcomeInSaga : DomainEventHandler<DepositOutcomeKnown>
{
    protected override Task HandleAsync(DepositOutcomeKnown known, DurableTaskClient client, CancellationToken ct) =>
        client.RaiseEventAsync(BookingSaga.InstanceIdFor(known.TenantId, known.AppointmentId), BookingSaga.DepositSettledEvent,
            new DepositSettled(known.AppointmentId, known.Succeeded, known.Reason), ct);
}
