using MedSpa.Core.Patients;
using MedSpa.Functions.Events;

namespace MedSpa.Functions.Patients;

/// <summary>A visit completed: the patient's record notes the day (their last visit).</summary>
public sealed class NoteLastVisitWhenCompleted(NoteLastVisit note) : DomainEventHandler<VisitCompleted>
{
    protected override Task HandleAsync(VisitCompleted domainEvent, DurableTaskClient client, CancellationToken ct) =>
        note.ForAppointmentAsync(domainEvent.TenantId, domainEvent.AppointmentId, ct);
}
