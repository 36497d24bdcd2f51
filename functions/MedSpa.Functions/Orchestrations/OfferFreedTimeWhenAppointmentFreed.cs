using MedSpa.Functions.Events;

namespace MedSpa.Functions.Orchestrations;

/// <summary>A time that an appointment gave up is offered to the best matches on the waitlist.</summary>
public sealed class OfferFreedTimeWhenAppointmentFreed : DomainEventHandler<AppointmentFreedItsTime>
{
    protected override Task HandleAsync(AppointmentFreedItsTime domainEvent, DurableTaskClient client, CancellationToken ct) =>
        WaitlistOffer.StartAsync(client, domainEvent.TenantId, domainEvent.AppointmentId, ct);
}
