using MedSpa.Core.Waitlist;

namespace MedSpa.Core.Tests.Waitlist;

public sealed class WaitlistMatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan NewYork = TimeSpan.FromHours(-5);

    /// <summary>A freed Botox time on Tuesday 24 November 2026 at 13:00 in New York, with Dr. Voss.</summary>
    private static FreedSlot Freed(int hour = 13, int minute = 0, string practitionerId = "voss", string? freedBy = null) =>
        new("botox", "soho", practitionerId, new DateTimeOffset(2026, 11, 24, hour, minute, 0, NewYork), freedBy);

    private static WaitlistEntry Entry(string id, string? practitionerId = null, int joinedDaysAgo = 1, string patientId = "", string serviceId = "botox",
        string locationId = "soho", string from = "2026-11-23", string to = "2026-11-27", DayPart[]? parts = null) =>
        WaitlistEntry.Join(id, "demo", patientId.Length > 0 ? patientId : "patient-" + id, "Pat " + id, serviceId, "Botox", locationId, practitionerId,
            DateOnly.Parse(from), DateOnly.Parse(to), parts ?? [DayPart.Morning, DayPart.Afternoon, DayPart.Evening], "patient@x", Now.AddDays(-joinedDaysAgo));

    [Fact]
    public void Those_who_named_the_practitioner_come_before_those_who_take_anyone_then_the_earliest_to_join()
    {
        var entries = new[]
        {
            Entry("any-early", joinedDaysAgo: 9),
            Entry("voss-late", "voss", joinedDaysAgo: 1),
            Entry("any-late", joinedDaysAgo: 2),
            Entry("voss-early", "voss", joinedDaysAgo: 5),
        };

        WaitlistMatcher.Rank(entries, Freed(), Now).Select(e => e.Id).ShouldBe(["voss-early", "voss-late", "any-early", "any-late"]);
    }

    [Fact]
    public void Another_service_location_or_practitioner_does_not_match()
    {
        var entries = new[]
        {
            Entry("other-service", serviceId: "filler"),
            Entry("other-location", locationId: "venice"),
            Entry("other-practitioner", "reyes"),
            Entry("match"),
        };

        WaitlistMatcher.Rank(entries, Freed(), Now).Select(e => e.Id).ShouldBe(["match"]);
    }

    [Fact]
    public void The_local_date_must_be_inside_the_entrys_range_inclusive()
    {
        var entries = new[]
        {
            Entry("ends-the-day-before", from: "2026-11-20", to: "2026-11-23"),
            Entry("starts-the-day-after", from: "2026-11-25", to: "2026-11-30"),
            Entry("that-day-only", from: "2026-11-24", to: "2026-11-24"),
        };

        WaitlistMatcher.Rank(entries, Freed(), Now).Select(e => e.Id).ShouldBe(["that-day-only"]);
    }

    [Fact]
    public void The_local_date_is_the_locations_not_utcs()
    {
        // 20:00 in New York on the 24th is already the 25th in UTC.
        var entries = new[] { Entry("the-24th", from: "2026-11-24", to: "2026-11-24"), Entry("the-25th", from: "2026-11-25", to: "2026-11-25") };

        WaitlistMatcher.Rank(entries, Freed(hour: 20), Now).Select(e => e.Id).ShouldBe(["the-24th"]);
    }

    [Theory]
    [InlineData(8, 0, DayPart.Morning)]
    [InlineData(11, 59, DayPart.Morning)]
    [InlineData(12, 0, DayPart.Afternoon)]
    [InlineData(13, 0, DayPart.Afternoon)]
    [InlineData(16, 45, DayPart.Afternoon)]
    [InlineData(17, 0, DayPart.Evening)]
    [InlineData(19, 30, DayPart.Evening)]
    public void Times_of_day_are_morning_before_noon_afternoon_until_five_evening_after(int hour, int minute, DayPart part)
    {
        var entries = Enum.GetValues<DayPart>().Select(p => Entry(p.ToString(), parts: [p])).ToList();

        DayParts.Of(new TimeOnly(hour, minute)).ShouldBe(part);
        WaitlistMatcher.Rank(entries, Freed(hour, minute), Now).Select(e => e.Id).ShouldBe([part.ToString()]);
    }

    [Fact]
    public void Only_active_entries_are_offered_and_each_patient_once()
    {
        var offered = Entry("offered");
        offered.Offer("offer-1", Now);
        var removed = Entry("removed");
        removed.Remove(Now);
        var entries = new[] { offered, removed, Entry("pat-any", patientId: "pat"), Entry("pat-voss", "voss", patientId: "pat") };

        WaitlistMatcher.Rank(entries, Freed(), Now).Select(e => e.Id).ShouldBe(["pat-voss"]);
    }

    [Fact]
    public void The_patient_who_cancelled_is_not_offered_their_own_time_back()
    {
        var entries = new[] { Entry("canceller", patientId: "pat-1"), Entry("other", patientId: "pat-2") };

        WaitlistMatcher.Rank(entries, Freed(freedBy: "pat-1"), Now).Select(e => e.Id).ShouldBe(["other"]);
    }

    [Fact]
    public void A_time_that_has_already_started_matches_no_one()
    {
        WaitlistMatcher.Rank([Entry("match")], Freed(), new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-03-08T07:00:00Z", "2026-03-08", DayPart.Morning)] // 03:00 EDT, just after the missing hour
    [InlineData("2026-03-08T21:00:00Z", "2026-03-08", DayPart.Evening)] // 17:00 EDT
    [InlineData("2026-11-01T06:30:00Z", "2026-11-01", DayPart.Morning)] // 01:30 EST, the repeated hour's second pass
    [InlineData("2026-11-01T18:00:00Z", "2026-11-01", DayPart.Afternoon)] // 13:00 EST
    [InlineData("2026-11-01T22:00:00Z", "2026-11-01", DayPart.Evening)] // 17:00 EST (18:00 by the old offset)
    public void On_daylight_saving_days_the_local_date_and_part_of_day_follow_the_wall_clock(string utc, string localDate, DayPart part)
    {
        var start = ClinicTime.For("America/New_York").ToLocal(DateTimeOffset.Parse(utc));
        var entries = Enum.GetValues<DayPart>().Select(p => Entry(p.ToString(), from: localDate, to: localDate, parts: [p])).ToList();
        var slot = new FreedSlot("botox", "soho", "voss", start);

        WaitlistMatcher.Rank(entries, slot, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)).Select(e => e.Id).ShouldBe([part.ToString()]);
    }
}
