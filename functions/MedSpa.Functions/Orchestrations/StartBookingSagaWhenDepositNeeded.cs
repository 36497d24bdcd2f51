using MedSpa.Core.Deposits;
using MedSpa.Functions.Events;

namespace MedSpa.Functions.Orchestrations;

/// <summary>A held booking waits for its deposit in the booking saga, which confirms or releases it.</summary>
public sealed class StartBookingSagaWhenDepositNeeded : DomainEventHandler<DepositNeeded>
{
    protected override Task HandleAsync(DepositNeeded domainEvent, DurableTaskClient client, CancellationToken ct) =>
        BookingSaga.StartAsync(client, domainEvent, ct);
}
