using MedSpa.LocalHost.Timers;

namespace MedSpa.LocalHost.Tests.StaticWebApp;

public sealed class TimerScheduleTests
{
    [Fact]
    public void Six_field_schedules_have_seconds_first_as_in_azure_functions()
    {
        var schedule = TimerTriggerScheduler.Parse("0 0 6 * * *");

        schedule.GetNextOccurrence(new DateTime(2026, 11, 22, 5, 59, 59, DateTimeKind.Utc)).ShouldBe(new DateTime(2026, 11, 22, 6, 0, 0));
        schedule.GetNextOccurrence(new DateTime(2026, 11, 22, 6, 0, 0, DateTimeKind.Utc)).ShouldBe(new DateTime(2026, 11, 23, 6, 0, 0));
    }

    [Fact]
    public void Every_five_minutes_fires_on_the_fives() =>
        TimerTriggerScheduler.Parse("0 */5 * * * *").GetNextOccurrence(new DateTime(2026, 1, 1, 13, 7, 0)).ShouldBe(new DateTime(2026, 1, 1, 13, 10, 0));
}
