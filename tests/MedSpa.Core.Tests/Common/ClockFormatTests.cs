namespace MedSpa.Core.Tests.Common;

public sealed class ClockFormatTests
{
    [Theory]
    [InlineData(ClockFormat.TwelveHour, 0, 5, "12:05 AM")]
    [InlineData(ClockFormat.TwelveHour, 12, 0, "12:00 PM")]
    [InlineData(ClockFormat.TwelveHour, 14, 30, "2:30 PM")]
    [InlineData(ClockFormat.TwentyFourHour, 0, 5, "00:05")]
    [InlineData(ClockFormat.TwentyFourHour, 14, 30, "14:30")]
    public void A_time_of_day_is_written_the_clinics_way(ClockFormat format, int hour, int minute, string expected) =>
        format.TimeOfDay(new DateTimeOffset(2026, 11, 24, hour, minute, 0, TimeSpan.FromHours(-5))).ShouldBe(expected);
}
