using MedSpa.Core.Memberships;

namespace MedSpa.Core.Tests.Memberships;

/// <summary>A membership's life: periods counted from the day joined, a declined charge tried again twice, then lapsed; cancelling.</summary>
public sealed class MembershipTests
{
    private static readonly MembershipPlan Glow = new("glow", "Glow membership", new Money(9_900, "USD"), MembershipInterval.Monthly);
    private static readonly DateTimeOffset January31 = new(2030, 1, 31, 15, 0, 0, TimeSpan.Zero);

    private static Membership Joined(MembershipPlan plan, DateTimeOffset at) => Membership.Join("m-1", "demo", "p-1", "Pat Patient", plan, at, "desk@clinic").Paid();

    [Fact]
    public void A_monthly_member_who_joined_on_the_31st_is_charged_at_the_end_of_short_months_and_on_the_31st_after_them()
    {
        var member = Joined(Glow, January31);

        member.Status.ShouldBe(MembershipStatus.Active);
        member.Period.ShouldBe(1);
        member.PaidThrough.ShouldBe(new DateTimeOffset(2030, 2, 28, 15, 0, 0, TimeSpan.Zero));
        member.NextChargeAt.ShouldBe(member.PaidThrough);
        member.Paid().PaidThrough.ShouldBe(new DateTimeOffset(2030, 3, 31, 15, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_yearly_member_is_charged_a_year_on()
    {
        var member = Joined(Glow with { Interval = MembershipInterval.Yearly }, January31);

        member.PaidThrough.ShouldBe(January31.AddYears(1));
    }

    [Fact]
    public void A_declined_charge_is_tried_again_after_3_days_then_4_more_and_the_third_decline_ends_it()
    {
        var member = Joined(Glow, January31);
        var due = member.NextChargeAt!.Value;

        var first = member.Declined("The card ending 0341 was declined.", due);
        first.Status.ShouldBe(MembershipStatus.PastDue);
        first.NextChargeAt.ShouldBe(due.AddDays(3));
        first.Live.ShouldBeTrue();
        var second = first.Declined("Again.", due.AddDays(3));
        second.NextChargeAt.ShouldBe(due.AddDays(7));
        second.FailedAttempts.ShouldBe(2);
        var third = second.Declined("Once more.", due.AddDays(7));
        third.Status.ShouldBe(MembershipStatus.Lapsed);
        third.NextChargeAt.ShouldBeNull();
        third.EndedAt.ShouldBe(due.AddDays(7));
        third.Live.ShouldBeFalse();
        third.PaidThrough.ShouldBe(member.PaidThrough); // what was paid for stays paid for
    }

    [Fact]
    public void A_past_due_period_paid_late_covers_its_own_dates_and_clears_the_failures()
    {
        var member = Joined(Glow, January31);
        var late = member.Declined("Declined.", member.NextChargeAt!.Value).Paid();

        late.Status.ShouldBe(MembershipStatus.Active);
        late.PaidThrough.ShouldBe(new DateTimeOffset(2030, 3, 31, 15, 0, 0, TimeSpan.Zero));
        late.FailedAttempts.ShouldBe(0);
        late.LastFailure.ShouldBeNull();
        late.PeriodInvoiceId.ShouldBeNull();
    }

    [Fact]
    public void Cancelling_stops_the_charges_keeps_what_was_paid_for_and_a_second_cancel_changes_nothing_while_an_ended_one_is_refused()
    {
        var member = Joined(Glow, January31);
        var now = January31.AddDays(10);

        var cancelled = member.Cancel(now).Value!;
        cancelled.Status.ShouldBe(MembershipStatus.Cancelled);
        cancelled.NextChargeAt.ShouldBeNull();
        cancelled.PaidThrough.ShouldBe(member.PaidThrough);
        cancelled.Cancel(now.AddDays(1)).Value!.ShouldBe(cancelled);
        var lapsed = member.Declined("a", now).Declined("b", now).Declined("c", now);
        lapsed.Cancel(now).IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void The_same_patient_and_key_name_the_same_membership_and_another_key_another()
    {
        Membership.IdFor("p-1", "key-1").ShouldBe(Membership.IdFor("p-1", "key-1"));
        Membership.IdFor("p-1", "key-1").ShouldNotBe(Membership.IdFor("p-1", "key-2"));
        Membership.IdFor("p-1", "key-1").ShouldNotBe(Membership.IdFor("p-2", "key-1"));
        Membership.IdFor("p-1", "key-1").ShouldMatch("^membership-[0-9a-f]{24}$");
    }
}
