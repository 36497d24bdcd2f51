using static MedSpa.Core.Scheduling.HourRanges;

namespace MedSpa.Core.Scheduling;

/// <summary>
/// The pure availability engine: data in, data out, no clock read, no IO. Availability (<see cref="Find"/>) and
/// booking (<see cref="Check"/>) share the same evaluation, so what is offered is exactly what can be booked.
/// </summary>
/// <remarks>
/// Rules, for a service at a location (see the Scheduling README for the whole list):
/// <list type="bullet">
/// <item>Hours are wall-clock ranges per weekday (or per date, for a practitioner's exceptions). A range may end at
/// <c>24:00</c>; one whose end is earlier than its start runs overnight into the next date. A range belongs to the date
/// it starts on: a closure or an exception on that date removes or replaces it, tail included. Ranges of one date are
/// merged (touching ranges join); across dates the real-time spans are united.</item>
/// <item>The grid: a start is on the opening grid when its wall-clock reading is a whole number of
/// <see cref="BookingPolicy.SlotStepMinutes"/> after the opening time of an opening range that contains that reading;
/// it is on a practitioner's grid likewise for one of their working ranges. A practitioner can take a start on the
/// opening grid or on their own grid ("any practitioner": the union). Skipped local times give no start; repeated
/// local times give one start per real instant.</item>
/// <item>The service time <c>[start, start + duration]</c> lies within the opening hours (see
/// <see cref="ClinicTime.WallClockSpan(DateOnly, int, int)"/>). Buffers may run before opening and after closing.</item>
/// <item>The occupied span <c>[start − bufferBefore, end + bufferAfter)</c> lies within the practitioner's working hours
/// at this location and overlaps none of their busy spans or time off.</item>
/// <item>A room is needed when the service names a room type: a non-deleted room at this location whose type matches
/// (case-insensitively) and whose busy spans do not overlap the occupied span. Capacity is ignored: a room holds one
/// booking at a time.</item>
/// <item>Each entry of the service's equipment types needs its own non-deleted unit of that type (case-insensitive) at
/// this location, free of busy spans and maintenance windows over the occupied span.</item>
/// <item><c>start ≥ Now + minimum notice</c> and <c>start &lt; Now + window days</c>.</item>
/// <item>A deleted location or service offers nothing; deleted staff, rooms and equipment are ignored.
/// <see cref="Service.OnlineBookable"/> is not checked here: the patient-facing caller decides that.</item>
/// </list>
/// Eligible practitioners: role Practitioner, not deleted, named by the service's PractitionerIds (the one list of who
/// performs a service, see <see cref="Service.IsPerformedBy"/>), with working hours at this location.
/// </remarks>
public static class AvailabilityEngine
{
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private const int MinutesPerDay = 24 * 60;

    // Who put a start on the grid: the opening hours (every practitioner may take it) or practitioner number n (>= 0).
    private const int OpeningGrid = -1;

    /// <summary>The longest booking window (and minimum notice) a policy may ask for: ten years.</summary>
    public const int MaxWindowDays = 3660;

    /// <summary>
    /// Every bookable slot whose start falls on a local date from <see cref="AvailabilityRequest.From"/> to
    /// <see cref="AvailabilityRequest.To"/> (inclusive), sorted by start. A slot after midnight that belongs to the
    /// previous evening's overnight range is listed under the date it starts on.
    /// </summary>
    public static IReadOnlyList<Slot> Find(AvailabilityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = Plan.Build(request, request.PractitionerId, start: null);
        var slots = new List<Slot>();
        if (plan.Unavailable is not null || plan.LastDate < plan.FirstDate)
        {
            return slots;
        }

        // 1. Every grid start that fits the opening hours: from the opening ranges, then from each practitioner's
        //    working ranges where their grid is not already part of the opening grid.
        var starts = new List<GridStart>();
        Span<long> candidates = stackalloc long[2];
        for (var date = plan.FirstDate.AddDays(-1); date <= plan.LastDate; date = date.AddDays(1))
        {
            var ranges = plan.OpeningOn(date);
            for (int r = 0; r < ranges.Length; r += 2)
            {
                plan.AddGrid(date, ranges[r], ranges[r + 1], OpeningGrid, starts, candidates);
            }
        }

        for (int p = 0; p < plan.Practitioners.Length; p++)
        {
            for (var date = plan.FirstDate.AddDays(-1); date <= plan.LastDate; date = date.AddDays(1))
            {
                var ranges = plan.Practitioners[p].RangesOn(date);
                for (int r = 0; r < ranges.Length; r += 2)
                {
                    if (!plan.InsideOpeningGrid(date, ranges[r], ranges[r + 1]))
                    {
                        plan.AddGrid(date, ranges[r], ranges[r + 1], p, starts, candidates);
                    }
                }
            }
        }

        if (!IsSorted(starts))
        {
            starts.Sort(static (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Who.CompareTo(b.Who));
        }

        // 2. Each distinct instant once, with whoever may take it.
        var scratch = new Scratch(plan);
        var days = new Plan.DayPlan?[plan.LastDate.DayNumber - plan.FirstDate.DayNumber + 1];
        for (int i = 0; i < starts.Count;)
        {
            long start = starts[i].Ticks;
            int dayIndex = starts[i].Day;
            bool everyone = false;
            int j = i;
            for (; j < starts.Count && starts[j].Ticks == start; j++)
            {
                if (starts[j].Who == OpeningGrid)
                {
                    everyone = true;
                }
                else
                {
                    scratch.OnGrid[starts[j].Who] = true;
                }
            }

            var day = days[dayIndex] ??= new Plan.DayPlan(plan.FirstDate.AddDays(dayIndex));
            if (Evaluate(plan, day, start, everyone, scratch, out _) is { } slot)
            {
                slots.Add(slot);
            }

            for (; i < j; i++)
            {
                if (starts[i].Who != OpeningGrid)
                {
                    scratch.OnGrid[starts[i].Who] = false;
                }
            }
        }

        return slots;
    }

    /// <summary>
    /// Whether a booking may start at <paramref name="start"/>: the slot <see cref="Find"/> would offer for that instant,
    /// or the reason it would not. <paramref name="practitionerId"/> narrows to one practitioner (falling back to
    /// <see cref="AvailabilityRequest.PractitionerId"/>; null for any). The request's From/To are ignored: the local
    /// date is the start's.
    /// </summary>
    public static SlotCheck Check(AvailabilityRequest request, DateTimeOffset start, string? practitionerId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = Plan.Build(request, practitionerId ?? request.PractitionerId, start);
        if (plan.Unavailable is { } unavailable)
        {
            return SlotCheck.Unavailable(unavailable);
        }

        long startTicks = start.UtcTicks;
        var (date, minute, wholeMinute) = plan.Clock.LocalReading(startTicks);
        if (!plan.Opening.Contains(startTicks))
        {
            return SlotCheck.Unavailable(plan.OpeningOn(date).Length == 0 ? SlotUnavailableReason.Closed : SlotUnavailableReason.OutsideOpeningHours);
        }

        var scratch = new Scratch(plan);
        bool everyone = wholeMinute && plan.OnGrid(plan.OpeningOn(date.AddDays(-1)), plan.OpeningOn(date), minute);
        bool anyone = everyone;
        for (int p = 0; p < plan.Practitioners.Length && wholeMinute && !everyone; p++)
        {
            var practitioner = plan.Practitioners[p];
            if (plan.OnGrid(practitioner.RangesOn(date.AddDays(-1)), practitioner.RangesOn(date), minute))
            {
                scratch.OnGrid[p] = anyone = true;
            }
        }

        if (!anyone)
        {
            return SlotCheck.Unavailable(SlotUnavailableReason.NotOnSlotGrid);
        }

        if (!plan.Opening.Covers(startTicks, startTicks + plan.Duration))
        {
            return SlotCheck.Unavailable(SlotUnavailableReason.OutsideOpeningHours);
        }

        var slot = Evaluate(plan, new Plan.DayPlan(date), startTicks, everyone, scratch, out var reason);
        return slot is null ? SlotCheck.Unavailable(reason) : SlotCheck.Available(slot);
    }

    /// <summary>
    /// The one practitioner to book for an "any practitioner" request: the first of <see cref="Slot.PractitionerIds"/>,
    /// which the engine orders fairly — fewest busy minutes that local day first, ties broken by a rotation of the
    /// practitioners (ordered by id) that advances with every slot step, so equal loads do not always pick the same
    /// person. If claiming that practitioner loses a race, try the next one in the list.
    /// </summary>
    public static string ChoosePractitioner(Slot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return slot.PractitionerIds.Count > 0
            ? slot.PractitionerIds[0]
            : throw new ArgumentException("The slot has no free practitioner.", nameof(slot));
    }

    // everyone: the start is on the opening grid; otherwise only the practitioners marked in scratch.OnGrid may take it.
    private static Slot? Evaluate(Plan plan, Plan.DayPlan day, long start, bool everyone, Scratch scratch, out SlotUnavailableReason reason)
    {
        if (start < plan.EarliestStart)
        {
            reason = SlotUnavailableReason.TooSoon;
            return null;
        }

        if (start >= plan.LatestStartExclusive)
        {
            reason = SlotUnavailableReason.BeyondBookingWindow;
            return null;
        }

        long occupiedStart = start - plan.BufferBefore;
        long occupiedEnd = start + plan.Duration + plan.BufferAfter;

        // Practitioners: the start on their grid, working for the whole occupied span, and free.
        int free = 0;
        var practitioners = plan.Practitioners;
        for (int p = 0; p < practitioners.Length; p++)
        {
            if ((everyone || scratch.OnGrid[p])
                && practitioners[p].Working.Covers(occupiedStart, occupiedEnd)
                && practitioners[p].Blocked.IsFree(occupiedStart, occupiedEnd))
            {
                scratch.Free[free++] = p;
            }
        }

        if (free == 0)
        {
            reason = SlotUnavailableReason.NoPractitionerFree;
            return null;
        }

        string? roomId = null;
        if (plan.NeedsRoom)
        {
            foreach (var room in plan.Rooms)
            {
                if (room.Busy.IsFree(occupiedStart, occupiedEnd))
                {
                    roomId = room.Id;
                    break;
                }
            }

            if (roomId is null)
            {
                reason = SlotUnavailableReason.NoRoomFree;
                return null;
            }
        }

        string[] equipmentIds = [];
        if (plan.Equipment.Length > 0)
        {
            equipmentIds = new string[plan.Equipment.Length];
            for (int q = 0; q < plan.Equipment.Length; q++)
            {
                string? chosen = null;
                foreach (var unit in plan.Equipment[q])
                {
                    if (unit.Busy.IsFree(occupiedStart, occupiedEnd) && Array.IndexOf(equipmentIds, unit.Id, 0, q) < 0)
                    {
                        chosen = unit.Id;
                        break;
                    }
                }

                if (chosen is null)
                {
                    reason = SlotUnavailableReason.NoEquipmentFree;
                    return null;
                }

                equipmentIds[q] = chosen;
            }
        }

        var ids = new string[free];
        if (free == 1)
        {
            ids[0] = practitioners[scratch.Free[0]].Id;
        }
        else
        {
            OrderFairly(plan, day, start, scratch, free);
            for (int i = 0; i < free; i++)
            {
                ids[i] = practitioners[scratch.Free[i]].Id;
            }
        }

        reason = default;
        return new Slot(
            ToOffset(start),
            ToOffset(start + plan.Duration),
            ids,
            roomId,
            equipmentIds,
            ToOffset(occupiedStart),
            ToOffset(occupiedEnd))
        {
            LocalDate = day.Date,
        };
    }

    // Insertion sort of the free practitioners by (busy ticks that day, rotated rank); n is at most a few dozen.
    private static void OrderFairly(Plan plan, Plan.DayPlan day, long start, Scratch scratch, int count)
    {
        var busy = day.BusyTicks(plan);
        int n = plan.RotationSize;
        int rotation = (int)((start / plan.StepTicks) % n);
        var keys = scratch.Rank;
        var free = scratch.Free;
        for (int i = 0; i < count; i++)
        {
            keys[i] = (plan.Practitioners[free[i]].BaseIndex - rotation + n) % n;
        }

        for (int i = 1; i < count; i++)
        {
            int p = free[i], k = keys[i];
            int j = i - 1;
            while (j >= 0 && (busy[free[j]] > busy[p] || (busy[free[j]] == busy[p] && keys[j] > k)))
            {
                free[j + 1] = free[j];
                keys[j + 1] = keys[j];
                j--;
            }

            free[j + 1] = p;
            keys[j + 1] = k;
        }
    }

    private static bool IsSorted(List<GridStart> starts)
    {
        for (int i = 1; i < starts.Count; i++)
        {
            if (starts[i].Ticks < starts[i - 1].Ticks || (starts[i].Ticks == starts[i - 1].Ticks && starts[i].Who < starts[i - 1].Who))
            {
                return false;
            }
        }

        return true;
    }

    private static DateTimeOffset ToOffset(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private sealed class Scratch(Plan plan)
    {
        public readonly int[] Free = new int[plan.Practitioners.Length];
        public readonly int[] Rank = new int[plan.Practitioners.Length];

        /// <summary>Per practitioner: the start being evaluated is on their own grid.</summary>
        public readonly bool[] OnGrid = new bool[plan.Practitioners.Length];
    }

    /// <summary>A start on some grid: its UTC ticks, who anchored it, and its local date as days after the first date.</summary>
    private readonly record struct GridStart(long Ticks, int Who, int Day);

    /// <summary>The request, parsed and indexed once.</summary>
    private sealed class Plan
    {
        private static readonly int[] NoRanges = [];
        private static readonly long DstSlack = TimeSpan.FromHours(3).Ticks;

        private readonly Location location;
        private readonly HashSet<DateOnly> closures = [];
        private readonly int[][] opening = new int[7][];

        // UTC ticks outside which busy spans cannot matter (empty when there are no dates to evaluate).
        private long windowStart;
        private long windowEnd;

        private Plan(Location location, ClinicTime clock)
        {
            this.location = location;
            Clock = clock;
        }

        public ClinicTime Clock { get; }

        public SlotUnavailableReason? Unavailable { get; private set; }

        public long Duration { get; private set; }

        public long BufferBefore { get; private set; }

        public long BufferAfter { get; private set; }

        public long EarliestStart { get; private set; }

        public long LatestStartExclusive { get; private set; }

        public int StepMinutes { get; private set; }

        public long StepTicks => StepMinutes * TicksPerMinute;

        public PractitionerPlan[] Practitioners { get; private set; } = [];

        /// <summary>How many practitioners could do the service at all (the rotation is over all of them).</summary>
        public int RotationSize { get; private set; }

        public bool NeedsRoom { get; private set; }

        public Resource[] Rooms { get; private set; } = [];

        public Resource[][] Equipment { get; private set; } = [];

        /// <summary>The opening hours as merged real-time spans, over every date a start being evaluated can touch.</summary>
        public BusyIndex Opening { get; private set; } = BusyIndex.Empty;

        // Dates whose hours can matter to a start on FirstDate..LastDate: ranges run at most into the next date, the
        // occupied span reaches back by the buffer before and forward by the service and the buffer after, and a DST
        // shift moves the wall clock by a few hours at most.
        private DateOnly HoursFrom => FirstDate.AddDays(-1 - (BufferBefore > 0 ? 1 + (int)((BufferBefore + DstSlack) / TimeSpan.TicksPerDay) : 0));

        private DateOnly HoursTo => LastDate.AddDays(1 + (int)((Duration + BufferAfter + DstSlack) / TimeSpan.TicksPerDay));

        /// <summary>
        /// Parses and indexes the request. With <paramref name="start"/> (Check) only the start's local date matters;
        /// without (Find) the request's dates, narrowed to those that can hold a start between now + notice and
        /// now + window. Busy spans, time off and maintenance are indexed only where they touch those dates (± a day).
        /// </summary>
        public static Plan Build(AvailabilityRequest request, string? practitionerId, DateTimeOffset? start)
        {
            var location = request.Location ?? throw new ArgumentException("A location is required.", nameof(request));
            var service = request.Service ?? throw new ArgumentException("A service is required.", nameof(request));
            var policy = request.Policy ?? BookingPolicy.Default;
            if (policy.SlotStepMinutes is < 1 or > 24 * 60)
            {
                throw new ArgumentOutOfRangeException(nameof(request), "SlotStepMinutes must be 1..1440.");
            }

            if (policy.WindowDays is < 0 or > MaxWindowDays || policy.MinimumNoticeMinutes is < 0 or > MaxWindowDays * 24 * 60)
            {
                throw new ArgumentOutOfRangeException(nameof(request), $"WindowDays and MinimumNoticeMinutes must be 0..{MaxWindowDays} days.");
            }

            var plan = new Plan(location, ClinicTime.For(location.TimeZone))
            {
                Duration = service.DurationMinutes * TicksPerMinute,
                BufferBefore = Math.Max(0, service.BufferBeforeMinutes) * TicksPerMinute,
                BufferAfter = Math.Max(0, service.BufferAfterMinutes) * TicksPerMinute,
                EarliestStart = request.Now.UtcTicks + (policy.MinimumNoticeMinutes * TicksPerMinute),
                LatestStartExclusive = request.Now.UtcTicks + (policy.WindowDays * TimeSpan.TicksPerDay),
                StepMinutes = policy.SlotStepMinutes,
            };

            if (location.Deleted || service.Deleted || service.DurationMinutes <= 0)
            {
                plan.Unavailable = SlotUnavailableReason.ServiceUnavailable;
                return plan;
            }

            if (start is { } at)
            {
                plan.FirstDate = plan.LastDate = plan.Clock.LocalDate(at);
            }
            else
            {
                plan.FirstDate = Max(request.From, plan.Clock.LocalDate(ToOffset(plan.EarliestStart)).AddDays(-1));
                plan.LastDate = Min(request.To, plan.Clock.LocalDate(ToOffset(plan.LatestStartExclusive)).AddDays(1));
            }

            if (plan.LastDate >= plan.FirstDate)
            {
                plan.windowStart = plan.Clock.StartOfDay(plan.FirstDate).UtcTicks - TimeSpan.TicksPerDay - plan.BufferBefore;
                plan.windowEnd = plan.Clock.EndOfDay(plan.LastDate).UtcTicks + TimeSpan.TicksPerDay + plan.Duration + plan.BufferAfter;
            }

            plan.ReadLocation();
            if (plan.LastDate >= plan.FirstDate)
            {
                plan.Opening = plan.RealSpans(plan.OpeningOn);
            }

            // Which resources matter, and their busy spans gathered in one pass over Busy.
            var spans = new Dictionary<string, List<(long, long)>>(StringComparer.Ordinal);
            var eligible = new List<StaffMember>();
            foreach (var staff in request.Staff ?? [])
            {
                if (staff is not null && IsEligible(staff, service, location.Id))
                {
                    eligible.Add(staff);
                }
            }

            eligible.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            plan.RotationSize = Math.Max(1, eligible.Count);
            var chosen = new List<PractitionerPlan>();
            for (int i = 0; i < eligible.Count; i++)
            {
                var staff = eligible[i];
                if (practitionerId is not null && !string.Equals(staff.Id, practitionerId, StringComparison.Ordinal))
                {
                    continue;
                }

                var blocked = new List<(long, long)>();
                foreach (var off in staff.TimeOff ?? [])
                {
                    plan.AddIfInWindow(blocked, off.Start, off.End);
                }

                spans[staff.Id] = blocked;
                chosen.Add(new PractitionerPlan(staff.Id, i, WorkingWeek(staff, location.Id), WorkingExceptions(staff, location.Id))
                {
                    CertifiedThrough = CertifiedThrough(staff, service),
                });
            }

            if (chosen.Count == 0 && practitionerId is not null)
            {
                plan.Unavailable = SlotUnavailableReason.PractitionerNotEligible;
                return plan;
            }

            plan.NeedsRoom = !string.IsNullOrWhiteSpace(service.RoomType);
            var rooms = new List<(string Id, List<(long, long)> Spans)>();
            if (plan.NeedsRoom)
            {
                foreach (var room in request.Rooms ?? [])
                {
                    if (room is { Deleted: false } && room.LocationId == location.Id
                        && string.Equals(room.Type, service.RoomType, StringComparison.OrdinalIgnoreCase)
                        && !spans.ContainsKey(room.Id))
                    {
                        var list = new List<(long, long)>();
                        spans[room.Id] = list;
                        rooms.Add((room.Id, list));
                    }
                }

                rooms.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            }

            var requiredTypes = new List<string>();
            foreach (var type in service.EquipmentTypes ?? [])
            {
                if (!string.IsNullOrWhiteSpace(type))
                {
                    requiredTypes.Add(type);
                }
            }

            var units = new List<(string Id, string Type, List<(long, long)> Spans)>();
            if (requiredTypes.Count > 0)
            {
                foreach (var unit in request.Equipment ?? [])
                {
                    if (unit is { Deleted: false } && unit.LocationId == location.Id && !spans.ContainsKey(unit.Id)
                        && requiredTypes.Exists(t => string.Equals(t, unit.Type, StringComparison.OrdinalIgnoreCase)))
                    {
                        var list = new List<(long, long)>();
                        foreach (var window in unit.MaintenanceWindows ?? [])
                        {
                            plan.AddIfInWindow(list, window.Start, window.End);
                        }

                        spans[unit.Id] = list;
                        units.Add((unit.Id, unit.Type, list));
                    }
                }

                units.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            }

            // Bookings-only spans per practitioner, for the fairness count (time off is not "busy minutes").
            var bookings = new Dictionary<string, List<(long, long)>>(StringComparer.Ordinal);
            foreach (var p in chosen)
            {
                bookings[p.Id] = [];
            }

            foreach (var busy in request.Busy ?? [])
            {
                if (busy is null || busy.ResourceId is null)
                {
                    continue;
                }

                var span = (busy.Start.UtcTicks, busy.End.UtcTicks);
                if (span.Item1 >= plan.windowEnd || span.Item2 <= plan.windowStart || !spans.TryGetValue(busy.ResourceId, out var list))
                {
                    continue;
                }

                list.Add(span);
                if (bookings.TryGetValue(busy.ResourceId, out var own))
                {
                    own.Add(span);
                }
            }

            foreach (var p in chosen)
            {
                p.Blocked = BusyIndex.Build(spans[p.Id]);
                p.Bookings = BusyIndex.Build(bookings[p.Id]);
                if (plan.LastDate >= plan.FirstDate)
                {
                    p.Working = plan.RealSpans(p.RangesOn);
                }
            }

            plan.Practitioners = [.. chosen];
            plan.Rooms = rooms.ConvertAll(r => new Resource(r.Id, BusyIndex.Build(r.Spans))).ToArray();
            plan.Equipment = new Resource[requiredTypes.Count][];
            for (int q = 0; q < requiredTypes.Count; q++)
            {
                var ofType = new List<Resource>();
                foreach (var unit in units)
                {
                    if (string.Equals(unit.Type, requiredTypes[q], StringComparison.OrdinalIgnoreCase))
                    {
                        ofType.Add(new Resource(unit.Id, BusyIndex.Build(unit.Spans)));
                    }
                }

                plan.Equipment[q] = [.. ofType];
            }

            // BusyIndex.Build sorts in place; equipment lists shared by two entries of one type are already sorted.
            return plan;
        }

        /// <summary>First local date to evaluate.</summary>
        public DateOnly FirstDate { get; private set; }

        /// <summary>Last local date to evaluate (before <see cref="FirstDate"/> when there is nothing to evaluate).</summary>
        public DateOnly LastDate { get; private set; }

        private void AddIfInWindow(List<(long, long)> list, DateTimeOffset start, DateTimeOffset end)
        {
            long s = start.UtcTicks, e = end.UtcTicks;
            if (s < windowEnd && e > windowStart)
            {
                list.Add((s, e));
            }
        }

        /// <summary>Merged opening ranges (minute pairs) of a local date; empty when closed.</summary>
        public int[] OpeningOn(DateOnly date) =>
            closures.Contains(date) ? NoRanges : opening[(int)date.DayOfWeek];

        /// <summary>
        /// Adds the grid of one wall-clock range of <paramref name="date"/> (minutes from its midnight; an overnight range
        /// runs past 1440): every step from the range's start while the clock is before its end, each reading's real
        /// instants, kept when the start falls on FirstDate..LastDate, inside the booking window, and the service fits the
        /// opening hours.
        /// </summary>
        public void AddGrid(DateOnly date, int from, int to, int who, List<GridStart> into, Span<long> candidates)
        {
            int m = from;
            int firstDay = FirstDate.DayNumber, lastDay = LastDate.DayNumber;
            if (date.DayNumber < firstDay && m < MinutesPerDay)
            {
                // The previous evening: only the part after midnight can hold starts on FirstDate.
                m += (MinutesPerDay - m + StepMinutes - 1) / StepMinutes * StepMinutes;
            }

            for (; m < to; m += StepMinutes)
            {
                int dayNumber = date.DayNumber + (m / MinutesPerDay);
                if (dayNumber > lastDay)
                {
                    break;
                }

                int count = Clock.MapTicks(date, m, candidates);
                for (int c = 0; c < count; c++)
                {
                    long start = candidates[c];
                    if (start >= EarliestStart && start < LatestStartExclusive && Opening.Covers(start, start + Duration))
                    {
                        into.Add(new GridStart(start, who, dayNumber - firstDay));
                    }
                }
            }
        }

        /// <summary>
        /// True when a range of <paramref name="date"/> lies inside one of that date's opening ranges and starts on its
        /// grid: then every start of its grid is a start of the opening grid too.
        /// </summary>
        public bool InsideOpeningGrid(DateOnly date, int from, int to)
        {
            var opening = OpeningOn(date);
            for (int r = 0; r < opening.Length; r += 2)
            {
                if (opening[r] <= from && to <= opening[r + 1] && (from - opening[r]) % StepMinutes == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the wall-clock <paramref name="minute"/> of a date is on the grid of one of its ranges or of the
        /// previous date's ranges (whose overnight part reaches into it), given as minute pairs.
        /// </summary>
        public bool OnGrid(int[] previousDate, int[] sameDate, int minute) =>
            OnGrid(sameDate, minute) || OnGrid(previousDate, minute + MinutesPerDay);

        private bool OnGrid(int[] ranges, int minute)
        {
            for (int r = 0; r < ranges.Length; r += 2)
            {
                if (ranges[r] <= minute && minute < ranges[r + 1] && (minute - ranges[r]) % StepMinutes == 0)
                {
                    return true;
                }
            }

            return false;
        }

        // The union of the real-time spans of a date's ranges, over every date whose hours can matter.
        private BusyIndex RealSpans(Func<DateOnly, int[]> rangesOn)
        {
            var spans = new List<(long, long)>();
            for (var date = HoursFrom; date <= HoursTo; date = date.AddDays(1))
            {
                var ranges = rangesOn(date);
                for (int r = 0; r < ranges.Length; r += 2)
                {
                    spans.Add(Clock.SpanTicks(date, ranges[r], ranges[r + 1]));
                }
            }

            return BusyIndex.Build(spans);
        }

        private void ReadLocation()
        {
            closures.UnionWith(Closures(location).Keys);
            OpeningWeek(location).CopyTo(opening, 0);
        }

        /// <summary>
        /// The last date the practitioner holds every certification the service requires (a licence for injectables,
        /// say): after it they are not offered for this service, as if not working. Matched by name, case-insensitive;
        /// a missing one or an unreadable date counts as never held.
        /// </summary>
        private static DateOnly CertifiedThrough(StaffMember staff, Service service)
        {
            var through = DateOnly.MaxValue;
            foreach (var required in service.RequiredCertifications ?? [])
            {
                var held = DateOnly.MinValue;
                foreach (var certification in staff.Practitioner?.Certifications ?? [])
                {
                    if (string.Equals(certification.Name, required, StringComparison.OrdinalIgnoreCase)
                        && DateOnly.TryParseExact(certification.ExpiresOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires)
                        && expires > held)
                    {
                        held = expires;
                    }
                }

                through = held < through ? held : through;
            }

            return through;
        }

        private static bool IsEligible(StaffMember staff, Service service, string locationId)
        {
            if (!service.IsPerformedBy(staff))
            {
                return false;
            }

            foreach (var hours in staff.WorkingHours ?? [])
            {
                if (hours is not null && hours.LocationId == locationId && TryRange(hours.Start, hours.End, out _))
                {
                    return true;
                }
            }

            foreach (var exception in staff.WorkingExceptions ?? [])
            {
                if (exception is not null && exception.LocationId == locationId && TryRange(exception.Start, exception.End, out _))
                {
                    return true;
                }
            }

            return false;
        }

        internal sealed class PractitionerPlan(string id, int baseIndex, int[][] week, Dictionary<DateOnly, int[]> exceptions)
        {
            /// <summary>Dates whose hours replace the weekly rule (an empty array: not working that day).</summary>
            public Dictionary<DateOnly, int[]> Exceptions { get; } = exceptions;

            public string Id { get; } = id;

            /// <summary>Position among all eligible practitioners ordered by id; the rotation counts from it.</summary>
            public int BaseIndex { get; } = baseIndex;

            /// <summary>Merged working minute ranges at this location, by DayOfWeek.</summary>
            public int[][] Week { get; } = week;

            /// <summary>Bookings, holds and time off.</summary>
            public BusyIndex Blocked { get; set; } = BusyIndex.Empty;

            /// <summary>Bookings and holds only.</summary>
            public BusyIndex Bookings { get; set; } = BusyIndex.Empty;

            /// <summary>Working hours as merged real-time spans over the dates that matter.</summary>
            public BusyIndex Working { get; set; } = BusyIndex.Empty;

            /// <summary>The last date the practitioner is certified for the service; not offered after it.</summary>
            public DateOnly CertifiedThrough { get; init; } = DateOnly.MaxValue;

            /// <summary>The working ranges that start on a date (minute pairs; an overnight one ends past 1440).</summary>
            public int[] RangesOn(DateOnly date) =>
                date > CertifiedThrough ? []
                : Exceptions.TryGetValue(date, out var instead) ? instead : Week[(int)date.DayOfWeek];
        }

        internal sealed record Resource(string Id, BusyIndex Busy);

        internal sealed class DayPlan(DateOnly date)
        {
            private long[]? busyTicks;

            public DateOnly Date { get; } = date;

            /// <summary>Per practitioner: booked ticks within the local day (computed on first need).</summary>
            public long[] BusyTicks(Plan plan)
            {
                if (busyTicks is null)
                {
                    long dayStart = plan.Clock.StartOfDay(Date).UtcTicks;
                    long dayEnd = plan.Clock.EndOfDay(Date).UtcTicks;
                    busyTicks = new long[plan.Practitioners.Length];
                    for (int p = 0; p < busyTicks.Length; p++)
                    {
                        busyTicks[p] = plan.Practitioners[p].Bookings.TakenTicks(dayStart, dayEnd);
                    }
                }

                return busyTicks;
            }
        }
    }
}
