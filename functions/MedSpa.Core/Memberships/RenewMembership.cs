using MedSpa.Core.Billing;
using MedSpa.Core.Messaging;
using MedSpa.Core.Notifications;

namespace MedSpa.Core.Memberships;

/// <summary>
/// Charges a membership whose period (or retry) is due. Paid: the next period begins. Declined: the member is told — in
/// the clinic's words, by their usual channels — how much, why, where to pay or add a card, and when the card will be
/// tried again; after the last try the membership lapses, its unpaid period is voided and they are told it has ended.
/// Safe to run twice: a period paid meanwhile is not charged again, and each try is told once.
/// </summary>
public sealed class RenewMembership(MembershipStore memberships, ChargeMembershipPeriod charge, InvoiceStore invoices, PatientNoticeStore notices, Setup.ClinicSetupStore setup, TimeProvider clock)
{
    /// <summary>Where a member sees their membership and pays what it owes.</summary>
    public const string LinkPath = "/patient/membership";

    public async Task<Membership?> RenewAsync(string tenantId, string membershipId, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            if (await memberships.GetAsync(tenantId, membershipId, ct) is not { Body: { Live: true, NextChargeAt: { } due } } found || due > now)
            {
                return null;
            }

            try
            {
                var outcome = await charge.ChargeAsync(found, ct);
                var before = outcome.Membership.Body;
                var after = outcome.Declined is { } reason ? before.Declined(reason, now) : before.Paid();
                await memberships.SaveAsync(after, outcome.Membership.ETag, ct);
                if (outcome.Declined is not null)
                {
                    await TellAsync(before, after, now, ct);
                }

                return after;
            }
            catch (DocumentStaleException) when (attempt < 5)
            {
                // Charged or cancelled from elsewhere meanwhile: decide again on what is stored now.
            }
        }
    }

    private async Task TellAsync(Membership before, Membership after, DateTimeOffset now, CancellationToken ct)
    {
        var zone = Scheduling.ClinicTime.For((await setup.LoadAsync(after.TenantId, ct)).MainLocation?.TimeZone ?? "UTC");
        string nextStep;
        if (after.Status == MembershipStatus.Lapsed)
        {
            if (before.PeriodInvoiceId is { } unpaid)
            {
                await invoices.ChangeAsync(after.TenantId, unpaid, i => i.Void("The membership ended for non-payment.", now), ct);
            }

            nextStep = "Your membership has now ended and nothing more is owed. You are welcome to join again at any time.";
        }
        else
        {
            nextStep = $"We will try your card again on {zone.LocalDate(after.NextChargeAt!.Value).ToString("dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture)}.";
        }

        var values = new Dictionary<string, string>
        {
            ["plan"] = after.PlanName, ["amount"] = after.Price.ToDisplay(), ["reason"] = after.LastFailure ?? "", ["nextStep"] = nextStep, ["link"] = LinkPath,
        };
        var words = MessageCatalog.For(MessageKind.MembershipDunning);
        await notices.RecordAsync(new PatientNotice($"{after.Id}:dunning:{after.Period + 1}:{after.FailedAttempts}", after.TenantId, after.PatientId, words.Subject,
            MessageCatalog.Render(words.Email, values), now) { Template = words.Kind, Values = values, UsefulUntil = after.NextChargeAt }, ct); // the next try tells anew
    }
}
