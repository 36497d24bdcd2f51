using MedSpa.Core.Waitlist;

namespace MedSpa.Core.Tests.Waitlist;

public sealed class WaitlistOfferRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_time_days_away_gets_the_full_window_each_round_up_to_the_limit()
    {
        var start = Now.AddDays(3);

        WaitlistOfferRules.WindowFor(1, Now, start).ShouldBe(TimeSpan.FromMinutes(30));
        WaitlistOfferRules.WindowFor(WaitlistOfferRules.MaxRounds, Now, start).ShouldBe(TimeSpan.FromMinutes(30));
        WaitlistOfferRules.WindowFor(WaitlistOfferRules.MaxRounds + 1, Now, start).ShouldBeNull();
    }

    [Fact]
    public void A_time_starting_soon_gets_a_window_that_closes_in_time_to_get_there()
    {
        WaitlistOfferRules.WindowFor(1, Now, Now.AddMinutes(50)).ShouldBe(TimeSpan.FromMinutes(20));
    }

    [Fact]
    public void A_time_too_close_to_reach_is_not_offered()
    {
        WaitlistOfferRules.WindowFor(1, Now, Now.AddMinutes(34)).ShouldBeNull();
        WaitlistOfferRules.WindowFor(1, Now, Now.AddMinutes(-10)).ShouldBeNull();
    }

    [Fact]
    public void Offer_ids_are_deterministic_per_freed_time_and_entry()
    {
        var id = WaitlistSlotOffer.IdFor("appt-1", "wait-1");

        id.ShouldBe(WaitlistSlotOffer.IdFor("appt-1", "wait-1"));
        id.ShouldNotBe(WaitlistSlotOffer.IdFor("appt-1", "wait-2"));
        id.ShouldNotBe(WaitlistSlotOffer.IdFor("appt-2", "wait-1"));
        id.ShouldStartWith("offer-");
    }

    [Fact]
    public void An_entry_returns_to_waiting_only_from_the_offer_it_holds()
    {
        var entry = WaitlistEntry.Join("wait-1", "demo", "pat", "Pat", "botox", "Botox", "soho", null, new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30), DayParts.All, "pat@x", Now);
        entry.Offer("offer-a", Now).IsSuccess.ShouldBeTrue();
        entry.Offer("offer-b", Now).IsSuccess.ShouldBeFalse();

        entry.OfferEnded("offer-b", Now).ShouldBeFalse();
        entry.OfferEnded("offer-a", Now).ShouldBeTrue();
        entry.Status.ShouldBe(WaitlistStatus.Active);
    }

    [Fact]
    public void A_booked_entry_cannot_be_left_and_leaving_twice_is_harmless()
    {
        var entry = WaitlistEntry.Join("wait-1", "demo", "pat", "Pat", "botox", "Botox", "soho", null, new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30), DayParts.All, "pat@x", Now);
        entry.Remove(Now).IsSuccess.ShouldBeTrue();
        entry.Remove(Now).IsSuccess.ShouldBeTrue();
        entry.Booked("appt-1", Now).ShouldBeFalse();

        var booked = WaitlistEntry.Join("wait-2", "demo", "pat", "Pat", "botox", "Botox", "soho", null, new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30), DayParts.All, "pat@x", Now);
        booked.Booked("appt-2", Now).ShouldBeTrue();
        booked.Remove(Now).Error.ShouldBeOfType<MedSpa.Core.Common.Error.Conflict>();
    }

    [Fact]
    public void An_open_offer_past_its_window_answers_closed_and_a_withdrawn_one_taken()
    {
        var entry = WaitlistEntry.Join("wait-1", "demo", "pat", "Pat", "botox", "Botox", "soho", null, new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30), DayParts.All, "pat@x", Now);
        var offer = WaitlistSlotOffer.Make(entry, "appt-1", Now.AddDays(1), 1, Now.AddMinutes(30), Now);

        offer.AnswerAt(Now.AddMinutes(29)).ShouldBe(OfferAnswer.Open);
        offer.AnswerAt(Now.AddMinutes(30)).ShouldBe(OfferAnswer.Closed);
        offer.Withdraw(Now).ShouldBeTrue();
        offer.AnswerAt(Now).ShouldBe(OfferAnswer.Taken);
        offer.StartAccepting(Now).ShouldBeFalse();
    }
}
