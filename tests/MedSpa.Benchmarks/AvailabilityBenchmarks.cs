using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MedSpa.Core.Common;
using MedSpa.Core.Scheduling;
using MedSpa.Core.Setup;

namespace MedSpa.Benchmarks;

/// <summary>
/// The availability engine on a busy month: a New York location open 08:00–20:00 every day, 20 practitioners on
/// staggered 8-hour shifts, 8 rooms (5 treatment, 3 laser), 4 equipment types with 2 units each, 5,000 existing
/// bookings (each taking its practitioner and a room, half of them also a unit of equipment, so ~12,500 busy spans),
/// and a 60-minute service with 10-minute buffers that needs a treatment room and two equipment types.
/// Data come from a fixed seed, so every run measures the same work.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class AvailabilityBenchmarks
{
    private const string LocationId = "loc-1";
    private static readonly DateOnly FirstDay = new(2026, 3, 1); // a month with the spring-forward day in it

    private AvailabilityRequest month = null!;
    private AvailabilityRequest monthNoRoom = null!;
    private DateTimeOffset checkStart;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        var time = ClinicTime.For("America/New_York");
        var location = new Location
        {
            Id = LocationId,
            Name = "Main street",
            TimeZone = "America/New_York",
            OpeningHours = [.. Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, "08:00", "20:00"))],
            Closures = [new Closure("2026-03-17", "Staff training")],
        };

        var staff = new List<StaffMember>();
        for (int i = 0; i < 20; i++)
        {
            string start = i % 2 == 0 ? "08:00" : "12:00";
            string end = i % 2 == 0 ? "16:00" : "20:00";
            staff.Add(new StaffMember
            {
                Id = $"prac-{i:D2}",
                FirstName = $"P{i}",
                Role = StaffRole.Practitioner,
                Practitioner = new PractitionerDetails(),
                WorkingHours = [.. Enum.GetValues<DayOfWeek>().Where(d => (int)d != i % 7).Select(d => new WorkingHours(LocationId, d, start, end))],
                TimeOff = i % 5 == 0 ? [new TimeOff(time.StartOfDay(FirstDay.AddDays(i)), time.EndOfDay(FirstDay.AddDays(i + 1)), "Leave")] : [],
            });
        }

        staff.Add(new StaffMember { Id = "desk-1", Role = StaffRole.FrontDesk });
        var rooms = Enumerable.Range(0, 8).Select(i => new Room { Id = $"room-{i}", Type = i < 5 ? "treatment" : "laser", LocationId = LocationId }).ToList();
        string[] types = ["laser", "cooler", "ultrasound", "microneedle"];
        var equipment = types.SelectMany(t => Enumerable.Range(0, 2).Select(u => new Equipment
        {
            Id = $"{t}-{u}",
            Type = t,
            LocationId = LocationId,
            MaintenanceWindows = u == 0 ? [new MaintenanceWindow(time.StartOfDay(FirstDay.AddDays(10)).AddHours(8), time.StartOfDay(FirstDay.AddDays(10)).AddHours(12), "Service")] : [],
        })).ToList();

        var busy = new List<BusyInterval>();
        for (int b = 0; b < 5000; b++)
        {
            var member = staff[random.Next(20)];
            var day = FirstDay.AddDays(random.Next(31));
            int shiftStart = member.WorkingHours[0].Start == "08:00" ? 8 * 60 : 12 * 60;
            var start = time.ToInstant(day, TimeOnly.MinValue.AddMinutes(shiftStart + (random.Next(0, 29) * 15)))!.Value;
            var end = start.AddMinutes(random.Next(2, 7) * 15);
            busy.Add(new BusyInterval(member.Id, start, end));
            busy.Add(new BusyInterval(rooms[random.Next(8)].Id, start, end));
            if (b % 2 == 0)
            {
                busy.Add(new BusyInterval(equipment[random.Next(equipment.Count)].Id, start, end));
            }
        }

        var service = new Service
        {
            Id = "svc-1",
            Name = "Laser facial",
            DurationMinutes = 60,
            BufferBeforeMinutes = 10,
            BufferAfterMinutes = 10,
            Price = new Money(25000, "USD"),
            RoomType = "treatment",
            EquipmentTypes = ["laser", "cooler"],
            PractitionerIds = [.. staff.Take(20).Select(s => s.Id)],
            OnlineBookable = true,
        };

        month = new AvailabilityRequest(
            location, service, staff, rooms, equipment, busy,
            Now: time.StartOfDay(FirstDay).AddDays(-1),
            Policy: BookingPolicy.Default,
            From: FirstDay,
            To: FirstDay.AddDays(30));

        monthNoRoom = month with { Service = service with { RoomType = null, EquipmentTypes = [] } };
        var slots = AvailabilityEngine.Find(month);
        checkStart = slots[slots.Count / 2].Start;
        Console.WriteLine($"// availability setup: {busy.Count} busy spans, {slots.Count} slots offered over 31 days, " +
            $"{slots.Sum(s => s.PractitionerIds.Count)} practitioner options; without room/equipment: " +
            $"{AvailabilityEngine.Find(monthNoRoom).Count} slots");
    }

    [Benchmark(Description = "Find: 31 days, any of 20 practitioners")]
    public int Find_31_days_any_practitioner() => AvailabilityEngine.Find(month).Count;

    [Benchmark(Description = "Find: 31 days, any, no room/equipment")]
    public int Find_31_days_any_practitioner_no_room() => AvailabilityEngine.Find(monthNoRoom).Count;

    [Benchmark(Description = "Find: 31 days, one practitioner")]
    public int Find_31_days_one_practitioner() => AvailabilityEngine.Find(month with { PractitionerId = "prac-07" }).Count;

    [Benchmark(Description = "Check: one start, any practitioner")]
    public bool Check_one_start() => AvailabilityEngine.Check(month, checkStart, null).IsAvailable;
}

/// <summary>In process (no separate build), 5 warm-up and 30 measured iterations: about a minute for all four.</summary>
public sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(5)
            .WithIterationCount(30)
            .WithId("InProcess"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
