namespace MedSpa.Core.Tests.Scheduling;

/// <summary>
/// Property-style: over a whole week of random (fixed-seed) bookings, time off and maintenance, Check succeeds for
/// exactly the starts Find offers, with the same resources, for "any" and for each practitioner.
/// </summary>
public sealed class CheckAgreesWithFindTests
{
    private static readonly string[] Practitioners = ["anna", "ben", "cara", "dev"];

    [Theory]
    [InlineData("America/New_York", "2026-03-05", 20260308)] // contains spring forward
    [InlineData("America/New_York", "2026-10-29", 20261101)] // contains fall back
    [InlineData("Australia/Adelaide", "2026-10-01", 20261004)] // half-hour zone, its spring forward
    [InlineData("Asia/Kolkata", "2026-06-08", 42)]
    public void Check_succeeds_exactly_for_the_starts_Find_offers_over_a_random_week(string zone, string weekStart, int seed)
    {
        var request = RandomWeek(zone, Clinic.Date(weekStart), new Random(seed));
        var time = ClinicTime.For(zone);
        var offered = AvailabilityEngine.Find(request).ToDictionary(s => s.Start);
        offered.Count.ShouldBeGreaterThan(50);
        offered.Count.ShouldBeLessThan(AvailabilityEngine.Find(request with { Busy = [] }).Count); // the load really blocks some

        long step = TimeSpan.FromMinutes(5).Ticks;
        var from = time.StartOfDay(request.From);
        var to = time.EndOfDay(request.To);
        int checkedStarts = 0;
        for (var start = from; start < to; start = start.AddTicks(step))
        {
            var any = AvailabilityEngine.Check(request, start, null);
            offered.TryGetValue(start, out var slot);
            any.IsAvailable.ShouldBe(slot is not null, $"any practitioner at {time.ToIsoString(start)}: {any.Reason}");
            if (slot is not null)
            {
                ShouldBeSame(any.Slot!, slot);
            }

            foreach (var practitioner in Practitioners)
            {
                var one = AvailabilityEngine.Check(request, start, practitioner);
                bool expected = slot is not null && slot.PractitionerIds.Contains(practitioner);
                one.IsAvailable.ShouldBe(expected, $"{practitioner} at {time.ToIsoString(start)}: {one.Reason}");
            }

            checkedStarts++;
        }

        checkedStarts.ShouldBeGreaterThanOrEqualTo(7 * 23 * 12);
    }

    [Fact]
    public void Find_for_one_practitioner_offers_exactly_the_any_slots_that_list_them()
    {
        var request = RandomWeek("America/New_York", new DateOnly(2026, 3, 5), new Random(7));
        var any = AvailabilityEngine.Find(request);

        foreach (var practitioner in Practitioners)
        {
            var own = AvailabilityEngine.Find(request with { PractitionerId = practitioner });

            own.Select(s => s.Start).ShouldBe(any.Where(s => s.PractitionerIds.Contains(practitioner)).Select(s => s.Start));
            own.ShouldAllBe(s => s.PractitionerIds.Count == 1 && s.PractitionerIds[0] == practitioner);
        }
    }

    [Fact]
    public void No_offered_slot_overlaps_a_busy_span_of_a_resource_it_names()
    {
        var request = RandomWeek("America/New_York", new DateOnly(2026, 10, 29), new Random(11));

        foreach (var slot in AvailabilityEngine.Find(request))
        {
            var named = slot.PractitionerIds.Append(slot.RoomId!).Concat(slot.EquipmentIds).ToHashSet();
            slot.RoomId.ShouldNotBeNull();
            request.Busy.Where(b => named.Contains(b.ResourceId))
                .ShouldNotContain(b => b.Start < slot.OccupiedEnd && slot.OccupiedStart < b.End);
        }
    }

    private static void ShouldBeSame(Slot actual, Slot expected)
    {
        actual.Start.ShouldBe(expected.Start);
        actual.End.ShouldBe(expected.End);
        actual.OccupiedStart.ShouldBe(expected.OccupiedStart);
        actual.OccupiedEnd.ShouldBe(expected.OccupiedEnd);
        actual.PractitionerIds.ShouldBe(expected.PractitionerIds);
        actual.RoomId.ShouldBe(expected.RoomId);
        actual.EquipmentIds.ShouldBe(expected.EquipmentIds);
        actual.LocalDate.ShouldBe(expected.LocalDate);
    }

    /// <summary>A clinic open 00:00–03:30 and 08:00–18:00 (so DST nights are exercised) with a random week of load.</summary>
    private static AvailabilityRequest RandomWeek(string zone, DateOnly weekStart, Random random)
    {
        var clinic = Clinic.In(zone)
            .Open("00:00", "03:30").Open("08:00", "18:00")
            .ClosedOn(weekStart.AddDays(5).ToString("yyyy-MM-dd"))
            .Lasting(45, bufferBefore: 10, bufferAfter: 5)
            .NeedsRoom("laser").Room("room-1", "laser").Room("room-2", "laser").Room("room-3", "facial")
            .NeedsEquipment("laser").Unit("laser-1", "laser").Unit("laser-2", "laser", maintenance: ("2026-01-01 00:00", "2026-01-01 01:00"))
            .WithPolicy(p => p with { WindowDays = 6, MinimumNoticeMinutes = 120, SlotStepMinutes = 15 })
            .Now($"{weekStart:yyyy-MM-dd} 10:07");
        var time = clinic.Time;
        var weekFrom = time.StartOfDay(weekStart);

        DateTimeOffset RandomInstant() => weekFrom.AddMinutes(random.Next(0, 7 * 24 * 12) * 5);

        foreach (var (id, start, end) in new[] { ("anna", "00:00", "18:00"), ("ben", "08:00", "18:00"), ("cara", "01:00", "12:00"), ("dev", "08:30", "17:30") })
        {
            var off = RandomInstant();
            clinic.Practitioner(id, m => m with
            {
                TimeOff = [new TimeOff(off, off.AddMinutes(random.Next(30, 300)), "Off")],
                WorkingHours = id == "dev"
                    ? [.. Clinic.EveryDay.Where(d => d != DayOfWeek.Tuesday).Select(d => new WorkingHours(Clinic.LocationId, d, start, end))]
                    : m.WorkingHours,
            }, start, end);
        }

        string[] resources = [.. Practitioners, "room-1", "room-2", "laser-1", "laser-2"];
        for (int i = 0; i < 260; i++)
        {
            var start = RandomInstant();
            clinic.Busy(new BusyInterval(resources[random.Next(resources.Length)], start, start.AddMinutes(random.Next(3, 25) * 5)));
        }

        return clinic.Request(weekStart.ToString("yyyy-MM-dd"), weekStart.AddDays(6).ToString("yyyy-MM-dd"));
    }
}
