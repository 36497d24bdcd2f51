using MedSpa.Core.Booking;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Billing;

/// <summary>
/// Opens an invoice: for a visit (its service at the clinic's price, with its practitioner; one invoice per visit, so
/// opening it again answers the same one), or for a patient alone (a retail sale). It starts as a draft the desk fills
/// in at checkout. Visits open theirs when they are completed.
/// </summary>
public sealed class OpenInvoice(InvoiceStore invoices, AppointmentStore book, ClinicSetupStore setup, BillingSettingsStore settings, PatientStore patients, TimeProvider clock)
{
    public async Task<Result<(Document<Invoice> Invoice, bool Created)>> ForAppointmentAsync(string tenantId, string by, string appointmentId, CancellationToken ct = default)
    {
        if (await book.GetAsync(tenantId, appointmentId, ct) is not { } found)
        {
            return new Error.NotFound("No such appointment.");
        }

        var appointment = found.Body;
        if (appointment.Status is not (AppointmentStatus.Arrived or AppointmentStatus.Completed))
        {
            return new Error.Conflict($"This appointment is {Appointment.Wire(appointment.Status)}: its invoice opens once the patient has arrived.");
        }

        var claim = await invoices.ClaimForAppointmentAsync(tenantId, appointmentId, ct);
        if (claim.Body.LinkedInvoiceId is { } known && await invoices.GetAsync(tenantId, known, ct) is { } existing)
        {
            return (existing, false);
        }

        var clinic = await setup.LoadAsync(tenantId, ct);
        var service = clinic.Services.FirstOrDefault(s => s.Id == appointment.ServiceId);
        var price = service?.Price ?? new Money(0, "USD");
        var rates = (await settings.GetAsync(tenantId, ct)).Body.TaxRates;
        var now = clock.GetUtcNow();
        var created = await invoices.AddAsync(tenantId, number => new Invoice
        {
            Id = Invoice.IdFor(number),
            TenantId = tenantId,
            Number = number,
            PatientId = appointment.PatientId,
            PatientName = appointment.PatientName,
            AppointmentId = appointmentId,
            LocationId = appointment.LocationId,
            Currency = price.Currency,
            TaxRates = rates,
            Lines = [new InvoiceLine("service", LineKind.Service, appointment.ServiceName, 1, price.Amount, Taxable: false, PractitionerId: appointment.PractitionerId)],
            CreatedBy = by,
            CreatedAt = now,
            ModifiedAt = now,
        }, ct);
        await invoices.LinkAsync(claim, created.Id, ct);
        return (created, true);
    }

    public async Task<Result<(Document<Invoice> Invoice, bool Created)>> ForPatientAsync(string tenantId, string by, string patientId, CancellationToken ct = default)
    {
        if (await patients.GetAsync(tenantId, patientId, ct) is not { } patient)
        {
            return new Error.NotFound("No such patient.");
        }

        var settingsNow = (await settings.GetAsync(tenantId, ct)).Body;
        var clinic = await setup.LoadAsync(tenantId, ct);
        var currency = clinic.Currency;
        var now = clock.GetUtcNow();
        var created = await invoices.AddAsync(tenantId, number => new Invoice
        {
            Id = Invoice.IdFor(number),
            TenantId = tenantId,
            Number = number,
            PatientId = patientId,
            PatientName = patient.DisplayName,
            Currency = currency,
            TaxRates = settingsNow.TaxRates,
            CreatedBy = by,
            CreatedAt = now,
            ModifiedAt = now,
        }, ct);
        return (created, true);
    }

    /// <summary>The follow-up of a completed visit: its invoice is waiting at the desk.</summary>
    public Task ForCompletedVisitAsync(string tenantId, string appointmentId, CancellationToken ct = default) =>
        ForAppointmentAsync(tenantId, "system", appointmentId, ct);
}
