using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace MedSpa.Core.Memberships;

public enum MembershipInterval
{
    Monthly,
    Yearly,
}

/// <summary>A membership the clinic sells: a price charged every month or year to the member's card on file.</summary>
/// <param name="Benefits">What members get, in the clinic's words (shown to the desk and the patient).</param>
public sealed record MembershipPlan(string Id, string Name, Money Price, MembershipInterval Interval, string? Benefits = null);

public enum MembershipStatus
{
    /// <summary>Joined, its first period not yet charged (a join cut short is finished by repeating it).</summary>
    Pending,

    Active,

    /// <summary>A renewal was declined: the member is asked to pay, and the card is tried again.</summary>
    [JsonStringEnumMemberName("past-due")]
    PastDue,

    /// <summary>Cancelled: no more charges; the member keeps what was paid for until <see cref="Membership.PaidThrough"/>.</summary>
    Cancelled,

    /// <summary>Ended for non-payment after the last try.</summary>
    Lapsed,
}

/// <summary>
/// A patient's membership, in the clinic's payments partition: each period is an invoice of its own, charged to the card
/// on file when it begins. A declined charge is tried again <see cref="RetryAfter"/> (the member told each time, with
/// the invoice to pay online); after the last try the membership lapses. The plan's name and price are copied in, so a
/// later change to the plan never alters a member's terms.
/// </summary>
/// <param name="Period">How many periods have been paid (1 after joining).</param>
/// <param name="PeriodInvoiceId">The invoice of the period being charged, once opened; the next period opens its own.</param>
/// <param name="FailedAttempts">Declined charges of the period being charged.</param>
public sealed record Membership(
    string Id,
    string TenantId,
    string PatientId,
    string PatientName,
    string PlanId,
    string PlanName,
    Money Price,
    MembershipInterval Interval,
    MembershipStatus Status,
    DateTimeOffset JoinedAt,
    DateTimeOffset PaidThrough,
    DateTimeOffset? NextChargeAt,
    int Period,
    string? PeriodInvoiceId,
    int FailedAttempts,
    string? LastFailure,
    DateTimeOffset? EndedAt,
    string JoinedBy)
{
    public string Kind => "membership";

    /// <summary>How long after a declined charge the card is tried again: 3 days, then 4 more; a third decline ends it.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryAfter = [TimeSpan.FromDays(3), TimeSpan.FromDays(4)];

    /// <summary>Live: charged, or to be charged (not cancelled, lapsed or a join that never finished).</summary>
    public bool Live => Status is MembershipStatus.Active or MembershipStatus.PastDue;

    /// <summary>One membership per join request: the same patient and key name the same membership.</summary>
    public static string IdFor(string patientId, string idempotencyKey) =>
        "membership-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{patientId}\n{idempotencyKey}")))[..24];

    public static Membership Join(string id, string tenantId, string patientId, string patientName, MembershipPlan plan, DateTimeOffset now, string by) =>
        new(id, tenantId, patientId, patientName, plan.Id, plan.Name, plan.Price, plan.Interval, MembershipStatus.Pending, now, now, null, 0, null, 0, null, null, by);

    /// <summary>
    /// Where period <paramref name="period"/> (1 = the first) ends: counted from the day joined, so a member who joined on
    /// 31 January is charged on the last day of shorter months and on the 31st again after them, never drifting earlier.
    /// </summary>
    public DateTimeOffset PeriodEnd(int period) => Interval == MembershipInterval.Yearly ? JoinedAt.AddYears(period) : JoinedAt.AddMonths(period);

    /// <summary>The period being charged is paid: the next one begins where it ends (even when it was paid late).</summary>
    public Membership Paid()
    {
        var through = PeriodEnd(Period + 1);
        return this with
        {
            Status = Status == MembershipStatus.Cancelled ? Status : MembershipStatus.Active,
            Period = Period + 1,
            PaidThrough = through,
            NextChargeAt = Status == MembershipStatus.Cancelled ? null : through,
            PeriodInvoiceId = null,
            FailedAttempts = 0,
            LastFailure = null,
        };
    }

    /// <summary>The card was declined (or there was none): tried again later, or ended after the last try.</summary>
    public Membership Declined(string reason, DateTimeOffset now)
    {
        var attempts = FailedAttempts + 1;
        var last = attempts > RetryAfter.Count;
        return this with
        {
            Status = last ? MembershipStatus.Lapsed : MembershipStatus.PastDue,
            FailedAttempts = attempts,
            LastFailure = reason,
            NextChargeAt = last ? null : now + RetryAfter[attempts - 1],
            EndedAt = last ? now : null,
        };
    }

    public Result<Membership> Cancel(DateTimeOffset now) => Status switch
    {
        MembershipStatus.Active or MembershipStatus.PastDue => this with { Status = MembershipStatus.Cancelled, NextChargeAt = null, EndedAt = now },
        MembershipStatus.Cancelled => this,
        _ => new Error.Conflict("This membership has already ended."),
    };
}
