using System.Globalization;
using MedSpa.Core.Billing;
using MedSpa.Core.Payments;

namespace MedSpa.Core.Memberships;

/// <summary>
/// Charges the period a membership is due for to the member's card on file, off-session: the period gets its own
/// invoice (opened once, remembered on the membership), which is issued and charged, so the payment, a decline and a
/// later payment online all show on the patient's invoices. A period already paid (online, or at the desk) or voided by
/// the desk is not charged again. Says whether it was paid, or why not; the caller moves the membership on.
/// </summary>
public sealed class ChargeMembershipPeriod(
    MembershipStore memberships,
    OpenInvoice open,
    InvoiceAccess access,
    IssueInvoice issue,
    InvoiceStore invoices,
    PaymentCustomers customers,
    IPaymentGateway payments,
    ApplyInvoicePayment apply,
    Setup.ClinicSetupStore setup,
    TimeProvider clock)
{
    public sealed record Outcome(Document<Membership> Membership, string? Declined);

    /// <summary>Who charges memberships: the clinic's system, as the front desk would.</summary>
    public static Caller System(string tenantId) => new("memberships", "memberships@medspa.local", "Memberships", tenantId, Role.FrontDesk);

    /// <exception cref="DocumentStaleException">The membership changed meanwhile (read it again and retry).</exception>
    public async Task<Outcome> ChargeAsync(Document<Membership> found, CancellationToken ct = default)
    {
        var membership = found.Body;
        var caller = System(membership.TenantId);
        if (membership.PeriodInvoiceId is null)
        {
            var opened = await open.ForMembershipPeriodAsync(membership, await DescribeAsync(membership, ct), ct);
            try
            {
                found = await memberships.SaveAsync(membership with { PeriodInvoiceId = opened.Id }, found.ETag, ct);
            }
            catch (DocumentStaleException)
            {
                // Charged from elsewhere at the same time: that one's invoice stands; this one is voided (no gap in numbers).
                await invoices.ChangeAsync(membership.TenantId, opened.Id, i => i.Void("Opened twice at once for the same membership period.", clock.GetUtcNow()), ct);
                throw;
            }

            membership = found.Body;
        }

        var read = await access.ReadAsync(caller, membership.PeriodInvoiceId!, ct);
        if (!read.IsSuccess || read.Value.Invoice.Status == InvoiceStatus.Void || (read.Value.Invoice.Status != InvoiceStatus.Draft && read.Value.OwedNow <= 0))
        {
            return new Outcome(found, null); // paid already, or waived by the desk
        }

        var issued = await issue.IssueAsync(caller, read.Value, ct);
        if (!issued.IsSuccess)
        {
            return new Outcome(found, issued.Error.Detail);
        }

        var invoice = issued.Value.Invoice;
        var customerId = await customers.ForPatientAsync(membership.TenantId, membership.PatientId, ct);
        var cards = await payments.CardsAsync(customerId, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (cards.FirstOrDefault(c => !c.ExpiredOn(today)) is not { } card)
        {
            return new Outcome(found, cards.Count > 0
                ? $"The card on file ({cards[0].Brand} ending {cards[0].Last4}) has expired."
                : "There is no card on file.");
        }

        var payment = await payments.ChargeSavedCardAsync(
            // One charge per period, card and try: a retried run never charges twice; the next try (days later) is a new one.
            new PaymentRequest($"membership:{membership.TenantId}:{membership.Id}:{membership.Period + 1}:{card.Id}:{membership.FailedAttempts}", membership.TenantId,
                PaymentPurpose.Invoice, invoice.Id, new Money(issued.Value.OwedNow, invoice.Currency), customerId, CaptureLater: false, SaveCard: false,
                $"{membership.PlanName} {invoice.DisplayNumber}"),
            card.Id,
            new Dictionary<string, string> { ["membership_id"] = membership.Id, ["membership_period"] = (membership.Period + 1).ToString(CultureInfo.InvariantCulture) },
            ct);
        if (payment.Status != ProviderPaymentStatus.Succeeded)
        {
            return new Outcome(found, $"The card ending {card.Last4} was declined: {payment.FailureMessage ?? "the bank asked for the patient to confirm the payment"}");
        }

        await apply.ApplyAsync(membership.TenantId, payment.Id, ct);
        return new Outcome(found, null);
    }

    /// <summary>"Glow membership, 1 December 2026 – 1 January 2027", in the clinic's zone.</summary>
    private async Task<string> DescribeAsync(Membership membership, CancellationToken ct)
    {
        var zone = Scheduling.ClinicTime.For((await setup.LoadAsync(membership.TenantId, ct)).MainLocation?.TimeZone ?? "UTC");
        string Day(DateTimeOffset at) => zone.LocalDate(at).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return $"{membership.PlanName}, {Day(membership.PaidThrough)} – {Day(membership.PeriodEnd(membership.Period + 1))}";
    }
}
