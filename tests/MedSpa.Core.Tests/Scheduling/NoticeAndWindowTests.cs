namespace MedSpa.Core.Tests.Scheduling;

public sealed class NoticeAndWindowTests
{
    [Fact]
    public void Slots_sooner_than_the_minimum_notice_are_not_offered()
    {
        var clinic = Clinic.InNewYork().Now("2026-06-10 08:50");

        clinic.Times(clinic.Find("2026-06-10"))[0].ShouldBe("11:00");
        clinic.Check("2026-06-10 10:45").Reason.ShouldBe(SlotUnavailableReason.TooSoon);
    }

    [Fact]
    public void A_slot_exactly_at_the_minimum_notice_is_offered()
    {
        var clinic = Clinic.InNewYork().Now("2026-06-10 08:00");

        clinic.Times(clinic.Find("2026-06-10"))[0].ShouldBe("10:00");
    }

    [Fact]
    public void The_notice_comes_from_the_policy()
    {
        var clinic = Clinic.InNewYork().Now("2026-06-10 08:50").WithPolicy(p => p with { MinimumNoticeMinutes = 0 });

        clinic.Times(clinic.Find("2026-06-10"))[0].ShouldBe("09:00");
    }

    [Fact]
    public void Slots_at_or_beyond_the_rolling_window_are_not_offered()
    {
        var clinic = Clinic.InNewYork().Now("2026-06-01 10:00").WithPolicy(p => p with { WindowDays = 10 });

        clinic.Times(clinic.Find("2026-06-11")).ShouldBe(["09:00", "09:15", "09:30", "09:45"]);
        clinic.Check("2026-06-11 10:00").Reason.ShouldBe(SlotUnavailableReason.BeyondBookingWindow);
        clinic.Find("2026-06-12", "2026-06-30").ShouldBeEmpty();
    }

    [Fact]
    public void Past_days_have_no_slots()
    {
        Clinic.InNewYork().Now("2026-06-10 12:00").Find("2026-06-01", "2026-06-09").ShouldBeEmpty();
    }

    [Fact]
    public void The_default_policy_is_60_days_120_minutes_notice_and_a_15_minute_step()
    {
        BookingPolicy.Default.ShouldBe(new BookingPolicy { WindowDays = 60, MinimumNoticeMinutes = 120, SlotStepMinutes = 15 });
    }

    [Fact]
    public void A_step_outside_one_minute_to_one_day_is_refused()
    {
        var clinic = Clinic.InNewYork().WithPolicy(p => p with { SlotStepMinutes = 0 });

        Should.Throw<ArgumentOutOfRangeException>(() => clinic.Find("2026-06-10"));
    }

    [Theory]
    [InlineData(-1, 120)]
    [InlineData(AvailabilityEngine.MaxWindowDays + 1, 120)]
    [InlineData(60, -5)]
    public void A_negative_or_absurd_window_or_notice_is_refused(int windowDays, int noticeMinutes)
    {
        var clinic = Clinic.InNewYork().WithPolicy(p => p with { WindowDays = windowDays, MinimumNoticeMinutes = noticeMinutes });

        Should.Throw<ArgumentOutOfRangeException>(() => clinic.Find("2026-06-10"));
    }
}
