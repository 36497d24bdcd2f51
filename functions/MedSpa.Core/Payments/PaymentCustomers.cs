using MedSpa.Core.Patients;

namespace MedSpa.Core.Payments;

/// <summary>A patient's customer at the payment provider (where their saved cards live), made once and remembered.</summary>
public sealed record PaymentCustomerLink(string Id, string TenantId, string PatientId, string CustomerId)
{
    public string Kind => "payment-customer";

    public static string IdFor(string patientId) => $"customer-{patientId}";
}

/// <summary>Finds or creates the provider's customer for a patient. The provider's create is keyed by the patient, so two
/// first payments at once still make one customer.</summary>
public sealed class PaymentCustomers(IDocumentStore store, PatientStore patients, IPaymentGateway payments)
{
    /// <summary>The patient's customer if one was ever made (no card can be on file without one); null otherwise, and none is made.</summary>
    public async Task<string?> KnownAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        (await store.ReadAsync<PaymentCustomerLink>(Partitions.Payments, tenantId, PaymentCustomerLink.IdFor(patientId), ct))?.Body.CustomerId;

    public async Task<string> ForPatientAsync(string tenantId, string patientId, CancellationToken ct = default)
    {
        var id = PaymentCustomerLink.IdFor(patientId);
        if (await store.ReadAsync<PaymentCustomerLink>(Partitions.Payments, tenantId, id, ct) is { } known)
        {
            return known.Body.CustomerId;
        }

        var patient = await patients.GetAsync(tenantId, patientId, ct);
        var customerId = await payments.CustomerAsync(new PaymentCustomer(tenantId, patientId, patient?.DisplayName, patient?.Email), ct);
        try
        {
            await store.CreateAsync(Partitions.Payments, tenantId, id, new PaymentCustomerLink(id, tenantId, patientId, customerId), ct);
        }
        catch (DocumentConflictException)
        {
            // Linked meanwhile by the same keyed create: the same customer.
        }

        return customerId;
    }
}
