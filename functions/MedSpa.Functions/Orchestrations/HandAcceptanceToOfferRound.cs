using MedSpa.Core.Waitlist;
using MedSpa.Functions.Events;

namespace MedSpa.Functions.Orchestrations;

/// <summary>A patient's acceptance goes to the offer's orchestration, which books the first acceptance it receives.</summary>
public sealed class HandAcceptanceToOfferRound : DomainEventHandler<PatientAcceptedOffer>
{
    protected override Task HandleAsync(PatientAcceptedOffer domainEvent, DurableTaskClient client, CancellationToken ct) =>
        client.RaiseEventAsync(WaitlistOffer.InstanceIdFor(domainEvent.TenantId, domainEvent.FreedAppointmentId), WaitlistOffer.AcceptedEvent,
            new WaitlistOfferAccepted(domainEvent.OfferId, domainEvent.PatientId), ct);
}
