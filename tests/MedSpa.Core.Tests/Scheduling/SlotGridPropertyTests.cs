using System.Globalization;

namespace MedSpa.Core.Tests.Scheduling;

/// <summary>
/// Property test of the slot grid over random opening and working hours (off-grid shifts, 24:00, overnight ranges,
/// several ranges a day, exceptions, closures, busy time, buffers, DST days), fixed seed. A brute-force model decides
/// minute by minute which starts must be offered and to whom; Find must offer exactly those, and Check must agree.
/// </summary>
public sealed class SlotGridPropertyTests
{
    private const int Cases = 300;
    private const int Day = 24 * 60;

    private static readonly (string Zone, string[] Dates)[] Zones =
    [
        ("America/New_York", ["2026-03-07", "2026-03-08", "2026-10-31", "2026-11-01", "2026-06-12"]),
        ("Europe/London", ["2026-03-28", "2026-03-29", "2026-10-24", "2026-10-25"]),
        ("Australia/Adelaide", ["2026-04-04", "2026-04-05", "2026-10-03", "2026-10-04"]), // half-hour offsets
        ("Asia/Kolkata", ["2026-06-08", "2026-12-31"]),
    ];

    private static readonly int[] Steps = [5, 10, 15, 20, 25, 30, 45, 60, 90];
    private static readonly int[] Durations = [10, 20, 30, 45, 60, 90, 120];

    [Fact]
    public void Find_offers_exactly_the_free_grid_starts_inside_the_hours_over_random_ranges()
    {
        var random = new Random(20260308);
        int offered = 0, offGridShiftStarts = 0;
        for (int n = 0; n < Cases; n++)
        {
            var scenario = Scenario.Random(random);
            var request = scenario.Request();
            var model = new Model(scenario);
            var slots = AvailabilityEngine.Find(request);
            var context = $"case {n}: {scenario}";

            // Every offered start lies on the union of the grids, inside the hours, clear of busy time.
            foreach (var slot in slots)
            {
                var at = scenario.Time.ToIsoString(slot.Start);
                foreach (var practitioner in slot.PractitionerIds)
                {
                    int p = scenario.IndexOf(practitioner);
                    model.OnGrid(slot.Start, p).ShouldBeTrue($"{context}: {at} is off both grids for {practitioner}");
                    model.Works(p, slot.OccupiedStart, slot.OccupiedEnd).ShouldBeTrue($"{context}: {at} is outside {practitioner}'s hours");
                    request.Busy.Any(b => b.ResourceId == practitioner && b.Start < slot.OccupiedEnd && slot.OccupiedStart < b.End)
                        .ShouldBeFalse($"{context}: {at} overlaps busy time");
                }

                model.Open(slot.Start, slot.End).ShouldBeTrue($"{context}: {at} is outside the opening hours");
            }

            // None is missing and none is extra: the model's starts, with the same practitioners.
            var expected = model.ExpectedStarts();
            slots.Select(s => scenario.Time.ToIsoString(s.Start)).ShouldBe(expected.Keys.Select(scenario.Time.ToIsoString), context);
            foreach (var slot in slots)
            {
                slot.PractitionerIds.ShouldBe(expected[slot.Start], ignoreOrder: true, context);
                slot.LocalDate.ShouldBe(scenario.Time.LocalDate(slot.Start), context);
            }

            // Check agrees, on a sample of offered and of random instants.
            var sample = slots.Count == 0 ? [] : Enumerable.Range(0, 15).Select(_ => slots[random.Next(slots.Count)].Start).ToList();
            sample.AddRange(Enumerable.Range(0, 25).Select(_ => model.WindowStart.AddMinutes(random.Next(model.WindowMinutes))));
            foreach (var start in sample)
            {
                expected.TryGetValue(start, out var who);
                AvailabilityEngine.Check(request, start, null).IsAvailable.ShouldBe(who is not null, $"{context}: Check at {scenario.Time.ToIsoString(start)}");
                foreach (var practitioner in scenario.PractitionerIds)
                {
                    AvailabilityEngine.Check(request, start, practitioner).IsAvailable
                        .ShouldBe(who?.Contains(practitioner) == true, $"{context}: Check {practitioner} at {scenario.Time.ToIsoString(start)}");
                }
            }

            offered += slots.Count;
            offGridShiftStarts += slots.Count(s => !model.OnOpeningGrid(s.Start));
        }

        offered.ShouldBeGreaterThan(Cases * 5); // the cases are not vacuous
        offGridShiftStarts.ShouldBeGreaterThan(Cases / 2); // and shift grids really add starts
    }

    /// <summary>Hours as minute pairs from a date's midnight (an overnight range ends past 1440).</summary>
    private sealed record Range(int From, int To)
    {
        public string Start => Clock(From);

        public string End => To == Day ? "24:00" : Clock(To % Day);

        private static string Clock(int minute) => $"{minute / 60:D2}:{minute % 60:D2}";
    }

    private sealed class Scenario
    {
        public required string Zone { get; init; }

        public required DateOnly From { get; init; }

        public DateOnly To => From.AddDays(1);

        public required int Step { get; init; }

        public required int Duration { get; init; }

        public required int BufferBefore { get; init; }

        public required int BufferAfter { get; init; }

        public required List<Range>[] Opening { get; init; } // by DayOfWeek

        public required HashSet<DateOnly> Closures { get; init; }

        public required List<Range>[][] Working { get; init; } // [practitioner][DayOfWeek]

        public required Dictionary<DateOnly, List<Range>>[] Exceptions { get; init; } // per practitioner; empty list: a day off

        public required List<(int Practitioner, DateTimeOffset Start, DateTimeOffset End)> Busy { get; init; }

        public ClinicTime Time => ClinicTime.For(Zone);

        public string[] PractitionerIds => [.. Enumerable.Range(0, Working.Length).Select(p => $"p{p}")];

        public int IndexOf(string id) => int.Parse(id[1..], CultureInfo.InvariantCulture);

        public static Scenario Random(Random random)
        {
            var (zone, dates) = Zones[random.Next(Zones.Length)];
            var from = Clinic.Date(dates[random.Next(dates.Length)]);
            var time = ClinicTime.For(zone);
            int practitioners = 1 + random.Next(3);
            var scenario = new Scenario
            {
                Zone = zone,
                From = from,
                Step = Steps[random.Next(Steps.Length)],
                Duration = Durations[random.Next(Durations.Length)],
                BufferBefore = random.Next(3) == 0 ? 5 * random.Next(1, 7) : 0,
                BufferAfter = random.Next(3) == 0 ? 5 * random.Next(1, 7) : 0,
                Opening = Week(random, () => random.Next(8) == 0 ? 0 : random.Next(5) == 0 ? 2 : 1),
                Closures = random.Next(4) == 0 ? [from.AddDays(random.Next(-1, 2))] : [],
                Working = [.. Enumerable.Range(0, practitioners).Select(_ => Week(random, () => random.Next(6) == 0 ? 0 : random.Next(4) == 0 ? 2 : 1))],
                Exceptions = [.. Enumerable.Range(0, practitioners).Select(_ =>
                {
                    var exceptions = new Dictionary<DateOnly, List<Range>>();
                    if (random.Next(3) == 0)
                    {
                        exceptions[from.AddDays(random.Next(-1, 2))] = random.Next(3) == 0 ? [] : [RandomRange(random)];
                    }

                    return exceptions;
                })],
                Busy = [],
            };

            var windowStart = time.StartOfDay(from.AddDays(-1));
            for (int p = 0; p < practitioners; p++)
            {
                for (int b = random.Next(6); b > 0; b--)
                {
                    var start = windowStart.AddMinutes(5 * random.Next(3 * Day / 5));
                    scenario.Busy.Add((p, start, start.AddMinutes(5 * random.Next(1, 37))));
                }
            }

            return scenario;
        }

        public AvailabilityRequest Request()
        {
            var clinic = Clinic.In(Zone)
                .Lasting(Duration, BufferBefore, BufferAfter)
                .WithPolicy(p => p with { SlotStepMinutes = Step, MinimumNoticeMinutes = 0, WindowDays = 30 })
                .Now($"{From.AddDays(-3):yyyy-MM-dd} 00:00");
            foreach (var day in Clinic.EveryDay)
            {
                foreach (var range in Opening[(int)day])
                {
                    clinic.Open(range.Start, range.End, day);
                }
            }

            if (Opening.All(d => d.Count == 0))
            {
                clinic.Open("00:00", "00:05", DayOfWeek.Monday); // replace the builder's default, harmlessly
                Opening[(int)DayOfWeek.Monday].Add(new Range(0, 5));
            }

            foreach (var closure in Closures)
            {
                clinic.ClosedOn(closure.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            for (int p = 0; p < Working.Length; p++)
            {
                int index = p;
                clinic.Practitioner($"p{p}", m => m with
                {
                    WorkingHours = [.. Clinic.EveryDay.SelectMany(d => Working[index][(int)d].Select(r => new WorkingHours(Clinic.LocationId, d, r.Start, r.End)))],
                    WorkingExceptions = [.. Exceptions[index].SelectMany(e => e.Value.Count == 0
                        ? [new WorkingException(e.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Clinic.LocationId, null, null)]
                        : e.Value.Select(r => new WorkingException(e.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Clinic.LocationId, r.Start, r.End)))],
                });
            }

            foreach (var (p, start, end) in Busy)
            {
                clinic.Busy(new BusyInterval($"p{p}", start, end));
            }

            return clinic.Request(From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        public override string ToString() =>
            $"{Zone} {From:yyyy-MM-dd}+1, step {Step}, {BufferBefore}+{Duration}+{BufferAfter} min, opening [{Describe(Opening)}], " +
            $"closures [{string.Join(" ", Closures)}], " +
            string.Join(", ", Working.Select((w, p) => $"p{p} [{Describe(w)}] exceptions [{string.Join(" ", Exceptions[p].Select(e => $"{e.Key:MM-dd} {string.Join("+", e.Value.Select(r => $"{r.Start}-{r.End}"))}"))}]"));

        private static string Describe(List<Range>[] week) =>
            string.Join(" ", Enumerable.Range(0, 7).Where(d => week[d].Count > 0).Select(d => $"{(DayOfWeek)d}:{string.Join("+", week[d].Select(r => $"{r.Start}-{r.End}"))}"));

        private static List<Range>[] Week(Random random, Func<int> rangesPerDay) =>
            [.. Enumerable.Range(0, 7).Select(_ => Enumerable.Range(0, rangesPerDay()).Select(_ => RandomRange(random)).ToList())];

        // Starts anywhere on a 5-minute clock; ends the same day, at 24:00, or overnight.
        private static Range RandomRange(Random random)
        {
            int from = 5 * random.Next(Day / 5);
            return random.Next(10) switch
            {
                < 5 => new Range(from, Math.Min(Day, from + (5 * random.Next(1, 121)))),
                < 6 => new Range(from, Day),
                _ => from == 0 ? new Range(0, Day) : new Range(from, Day + (5 * random.Next(from / 5))), // overnight: ends before it starts
            };
        }
    }

    /// <summary>The brute-force model: every real minute of a wide window marked open, working, busy.</summary>
    private sealed class Model
    {
        private readonly Scenario scenario;
        private readonly DateTimeOffset origin;
        private readonly int[] open;
        private readonly int[][] working;
        private readonly int[][] busy;
        private readonly Dictionary<DateOnly, List<(int From, int To)>> openingOn = [];
        private readonly Dictionary<DateOnly, List<(int From, int To)>>[] workingOn;

        public Model(Scenario scenario)
        {
            this.scenario = scenario;
            origin = scenario.Time.StartOfDay(scenario.From.AddDays(-4));
            int minutes = 10 * Day;
            WindowStart = scenario.Time.StartOfDay(scenario.From);
            WindowMinutes = (int)(scenario.Time.EndOfDay(scenario.To) - WindowStart).TotalMinutes;

            var openMarks = new bool[minutes];
            var workMarks = scenario.Working.Select(_ => new bool[minutes]).ToArray();
            var busyMarks = scenario.Working.Select(_ => new bool[minutes]).ToArray();
            workingOn = [.. scenario.Working.Select(_ => new Dictionary<DateOnly, List<(int From, int To)>>())];
            for (var date = scenario.From.AddDays(-4); date <= scenario.To.AddDays(4); date = date.AddDays(1))
            {
                openingOn[date] = scenario.Closures.Contains(date) ? [] : Merge(scenario.Opening[(int)date.DayOfWeek]);
                for (int p = 0; p < workingOn.Length; p++)
                {
                    workingOn[p][date] = Merge(scenario.Exceptions[p].TryGetValue(date, out var instead) ? instead : scenario.Working[p][(int)date.DayOfWeek]);
                }
            }

            for (var date = scenario.From.AddDays(-3); date <= scenario.To.AddDays(3); date = date.AddDays(1))
            {
                foreach (var (from, to) in openingOn[date])
                {
                    Mark(openMarks, scenario.Time.WallClockSpan(date, from, to));
                }

                for (int p = 0; p < workMarks.Length; p++)
                {
                    foreach (var (from, to) in workingOn[p][date])
                    {
                        Mark(workMarks[p], scenario.Time.WallClockSpan(date, from, to));
                    }
                }
            }

            foreach (var (p, start, end) in scenario.Busy)
            {
                Mark(busyMarks[p], (start, end));
            }

            open = Prefix(openMarks);
            working = [.. workMarks.Select(Prefix)];
            busy = [.. busyMarks.Select(Prefix)];
        }

        public DateTimeOffset WindowStart { get; }

        public int WindowMinutes { get; }

        /// <summary>Start → practitioners, for every minute of From..To a booking must be offered at.</summary>
        public SortedDictionary<DateTimeOffset, List<string>> ExpectedStarts()
        {
            var expected = new SortedDictionary<DateTimeOffset, List<string>>();
            for (int i = 0; i < WindowMinutes; i++)
            {
                var start = WindowStart.AddMinutes(i);
                var end = start.AddMinutes(scenario.Duration);
                if (!Open(start, end))
                {
                    continue;
                }

                var occupiedStart = start.AddMinutes(-scenario.BufferBefore);
                var occupiedEnd = end.AddMinutes(scenario.BufferAfter);
                var who = new List<string>();
                var (date, minute) = Reading(start);
                bool onOpeningGrid = OnGrid(date, minute, openingOn);
                for (int p = 0; p < working.Length; p++)
                {
                    if ((onOpeningGrid || OnGrid(date, minute, workingOn[p])) && Works(p, occupiedStart, occupiedEnd) && None(busy[p], occupiedStart, occupiedEnd))
                    {
                        who.Add($"p{p}");
                    }
                }

                if (who.Count > 0)
                {
                    expected[start] = who;
                }
            }

            return expected;
        }

        public bool Open(DateTimeOffset start, DateTimeOffset end) => All(open, start, end);

        public bool Works(int p, DateTimeOffset start, DateTimeOffset end) => All(working[p], start, end);

        public bool OnOpeningGrid(DateTimeOffset start)
        {
            var (date, minute) = Reading(start);
            return OnGrid(date, minute, openingOn);
        }

        public bool OnGrid(DateTimeOffset start, int p)
        {
            var (date, minute) = Reading(start);
            return OnGrid(date, minute, openingOn) || OnGrid(date, minute, workingOn[p]);
        }

        // On the grid of a range of the start's date, or of the previous date's range running past midnight.
        private bool OnGrid(DateOnly date, int minute, Dictionary<DateOnly, List<(int From, int To)>> rangesOn)
        {
            foreach (var (from, to) in rangesOn[date])
            {
                if (from <= minute && minute < to && (minute - from) % scenario.Step == 0)
                {
                    return true;
                }
            }

            foreach (var (from, to) in rangesOn[date.AddDays(-1)])
            {
                if (from <= minute + Day && minute + Day < to && (minute + Day - from) % scenario.Step == 0)
                {
                    return true;
                }
            }

            return false;
        }

        // Local date and minute of day (starts are whole minutes in every zone used).
        private (DateOnly Date, int Minute) Reading(DateTimeOffset instant)
        {
            var local = scenario.Time.LocalDateTime(instant);
            return (DateOnly.FromDateTime(local), (local.Hour * 60) + local.Minute);
        }

        // Ranges of one date, sorted, overlapping or touching ones joined.
        private static List<(int From, int To)> Merge(List<Range> ranges)
        {
            var merged = new List<(int From, int To)>();
            foreach (var range in ranges.OrderBy(r => r.From).ThenBy(r => r.To))
            {
                if (merged.Count > 0 && range.From <= merged[^1].To)
                {
                    merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, range.To));
                }
                else
                {
                    merged.Add((range.From, range.To));
                }
            }

            return merged;
        }

        private void Mark(bool[] marks, (DateTimeOffset Start, DateTimeOffset End) span)
        {
            for (int i = Math.Max(0, Index(span.Start)); i < Math.Min(marks.Length, Index(span.End)); i++)
            {
                marks[i] = true;
            }
        }

        private static int[] Prefix(bool[] marks)
        {
            var prefix = new int[marks.Length + 1];
            for (int i = 0; i < marks.Length; i++)
            {
                prefix[i + 1] = prefix[i] + (marks[i] ? 1 : 0);
            }

            return prefix;
        }

        private bool All(int[] prefix, DateTimeOffset start, DateTimeOffset end) =>
            prefix[Index(end)] - prefix[Index(start)] == Index(end) - Index(start);

        private bool None(int[] prefix, DateTimeOffset start, DateTimeOffset end) => prefix[Index(end)] - prefix[Index(start)] == 0;

        private int Index(DateTimeOffset instant) => (int)((instant - origin).Ticks / TimeSpan.TicksPerMinute);
    }
}
