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
    /// <summary>The line a missed visit's invoice charges: it tells that invoice from a visit's.</summary>
    public const string FeeLineId = "fee";

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

        var clinic = await setup.LoadAsync(tenantId, ct);
        var price = clinic.Services.FirstOrDefault(s => s.Id == appointment.ServiceId)?.Price ?? new Money(0, clinic.Currency);
        return await ForClaimedAppointmentAsync(appointment, by, price.Currency,
            [new InvoiceLine("service", LineKind.Service, appointment.ServiceName, 1, price.Amount, Taxable: false, PractitionerId: appointment.PractitionerId)], null, ct);
    }

    /// <summary>
    /// The invoice of an appointment that was missed (a no-show or a late cancellation): its fee, with the evidence it is
    /// charged under in its notes. One per appointment, as a visit's.
    /// </summary>
    public async Task<(Document<Invoice> Invoice, bool Created)> ForMissedVisitAsync(Appointment appointment, string by, Money fee, string description, string evidence, CancellationToken ct = default) =>
        await ForClaimedAppointmentAsync(appointment, by, fee.Currency, [new InvoiceLine(FeeLineId, LineKind.Other, description, 1, fee.Amount, Taxable: false)], evidence, ct);

    private async Task<(Document<Invoice> Invoice, bool Created)> ForClaimedAppointmentAsync(Appointment appointment, string by, string currency, IReadOnlyList<InvoiceLine> lines, string? notes, CancellationToken ct)
    {
        var tenantId = appointment.TenantId;
        var claim = await invoices.ClaimForAppointmentAsync(tenantId, appointment.Id, ct);
        if (claim.Body.LinkedInvoiceId is { } known && await invoices.GetAsync(tenantId, known, ct) is { Body.Status: not InvoiceStatus.Void } existing)
        {
            return (existing, false); // a voided one is replaced by a new invoice below
        }

        var rates = (await settings.GetAsync(tenantId, ct)).Body.RatesAt(appointment.LocationId);
        var now = clock.GetUtcNow();
        var created = await invoices.AddAsync(tenantId, number => new Invoice
        {
            Id = Invoice.IdFor(number),
            TenantId = tenantId,
            Number = number,
            PatientId = appointment.PatientId,
            PatientName = appointment.PatientName,
            AppointmentId = appointment.Id,
            LocationId = appointment.LocationId,
            Currency = currency,
            TaxRates = rates,
            Lines = lines,
            Notes = notes,
            CreatedBy = by,
            CreatedAt = now,
            ModifiedAt = now,
        }, ct);
        try
        {
            await invoices.LinkAsync(claim, created.Id, ct);
        }
        catch (DocumentStaleException)
        {
            // Opened twice at once: the other one is the visit's invoice; this one is voided (its number stays taken, so no gap).
            await invoices.ChangeAsync(tenantId, created.Id, i => i.Void("Opened twice at once for the same visit.", now), ct);
            var claimed = await invoices.ClaimForAppointmentAsync(tenantId, appointment.Id, ct);
            return ((await invoices.GetAsync(tenantId, claimed.Body.LinkedInvoiceId!, ct))!, false);
        }

        return (created, true);
    }

    /// <summary>A sale without a visit, at the location named (its taxes and address), else at the clinic's first location.</summary>
    public async Task<Result<(Document<Invoice> Invoice, bool Created)>> ForPatientAsync(string tenantId, string by, string patientId, string? locationId = null, CancellationToken ct = default)
    {
        if (await patients.GetAsync(tenantId, patientId, ct) is not { } patient)
        {
            return new Error.NotFound("No such patient.");
        }

        var clinic = await setup.LoadAsync(tenantId, ct);
        var location = locationId is null ? clinic.MainLocation : clinic.Location(locationId);
        if (locationId is not null && location is null)
        {
            return new Error.Invalid(new Dictionary<string, string[]> { ["locationId"] = ["No such location."] });
        }

        var settingsNow = (await settings.GetAsync(tenantId, ct)).Body;
        var currency = clinic.Currency;
        var now = clock.GetUtcNow();
        var created = await invoices.AddAsync(tenantId, number => new Invoice
        {
            Id = Invoice.IdFor(number),
            TenantId = tenantId,
            Number = number,
            PatientId = patientId,
            PatientName = patient.DisplayName,
            LocationId = location?.Id,
            Currency = currency,
            TaxRates = settingsNow.RatesAt(location?.Id),
            CreatedBy = by,
            CreatedAt = now,
            ModifiedAt = now,
        }, ct);
        return (created, true);
    }

    /// <summary>
    /// A membership period's invoice, at the clinic's main location: one line, the plan and the dates it covers (not
    /// taxed: a membership is a service the clinic taxes, if at all, when it is used).
    /// </summary>
    public async Task<Document<Invoice>> ForMembershipPeriodAsync(Memberships.Membership membership, string description, CancellationToken ct = default)
    {
        var clinic = await setup.LoadAsync(membership.TenantId, ct);
        var now = clock.GetUtcNow();
        return await invoices.AddAsync(membership.TenantId, number => new Invoice
        {
            Id = Invoice.IdFor(number),
            TenantId = membership.TenantId,
            Number = number,
            PatientId = membership.PatientId,
            PatientName = membership.PatientName,
            LocationId = clinic.MainLocation?.Id,
            Currency = membership.Price.Currency,
            TaxRates = [],
            Lines = [new InvoiceLine("membership", LineKind.Other, description, 1, membership.Price.Amount, Taxable: false)],
            Notes = $"Membership {membership.Id}",
            CreatedBy = "memberships",
            CreatedAt = now,
            ModifiedAt = now,
        }, ct);
    }

    /// <summary>The follow-up of a completed visit: its invoice is waiting at the desk.</summary>
    public Task ForCompletedVisitAsync(string tenantId, string appointmentId, CancellationToken ct = default) =>
        ForAppointmentAsync(tenantId, "system", appointmentId, ct);
}
