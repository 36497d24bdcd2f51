using MedSpa.Core.Forms;
using MedSpa.Functions.Events;

namespace MedSpa.Functions.Forms;

/// <summary>A booking whose service needs forms the patient has not filled sends them the links.</summary>
public sealed class SendFormsWhenBookingNeedsThem(SendForm send) : DomainEventHandler<FormsNeeded>
{
    protected override Task HandleAsync(FormsNeeded domainEvent, DurableTaskClient client, CancellationToken ct) =>
        send.ForAppointmentAsync(domainEvent.TenantId, domainEvent.AppointmentId, ct);
}

/// <summary>A form handed in: the patient's upcoming visits stop showing it as missing.</summary>
public sealed class RefreshVisitsWhenFormSubmitted(RefreshMissingForms refresh) : DomainEventHandler<FormSubmitted>
{
    protected override Task HandleAsync(FormSubmitted domainEvent, DurableTaskClient client, CancellationToken ct) =>
        refresh.ForPatientAsync(domainEvent.TenantId, domainEvent.PatientId, ct);
}
