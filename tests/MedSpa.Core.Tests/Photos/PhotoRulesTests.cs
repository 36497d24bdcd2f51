using MedSpa.Core.Charts;
using MedSpa.Core.Files;
using MedSpa.Core.Photos;

namespace MedSpa.Core.Tests.Photos;

/// <summary>What a file is (by its bytes), the angles a photo is taken at, and the charting deadline's bounds.</summary>
public sealed class PhotoRulesTests
{
    public static TheoryData<byte[], string?> Files() => new()
    {
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], ImageSignature.Png },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 16], ImageSignature.Jpeg },
        { [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8], ImageSignature.Webp },
        { [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0], ImageSignature.Heic },
        { [0, 0, 0, 28, .. "ftypmif1"u8, 0, 0, 0, 0], ImageSignature.Heic },
        { [0, 0, 0, 24, .. "ftypisom"u8, 0, 0, 0, 0], null }, // an MP4 video, not a photo
        { "%PDF-1.7 renamed photo.jpg"u8.ToArray(), null },
        { "<svg onload=alert(1)>"u8.ToArray(), null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_is_what_its_first_bytes_say(byte[] bytes, string? type) => ImageSignature.Of(bytes).ShouldBe(type);

    [Theory]
    [InlineData("front", PhotoAngle.Front)]
    [InlineData("left-45", PhotoAngle.Left45)]
    [InlineData("right-profile", PhotoAngle.RightProfile)]
    [InlineData("Front", null)] // the names are exact
    [InlineData("0", null)] // no numbers for names
    [InlineData("upside-down", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void An_angle_is_one_of_the_five_by_its_name(string? name, PhotoAngle? angle) => WireNames.Parse<PhotoAngle>(name).ShouldBe(angle);

    [Theory]
    [InlineData(24, 4, true)]
    [InlineData(1, 0, true)]
    [InlineData(168, 167, true)]
    [InlineData(0, 0, false)] // locks at once: no time to sign
    [InlineData(169, 4, false)] // more than a week
    [InlineData(4, 4, false)] // the reminder would come with the lock
    [InlineData(24, -1, false)]
    public void The_deadline_is_between_an_hour_and_a_week_and_the_reminder_comes_before_it(int lockHours, int reminderHours, bool valid) =>
        new ChartingSettingsValidator().Validate(new ChartingSettings { AutoLockHours = lockHours, ReminderHoursBeforeLock = reminderHours }).IsValid.ShouldBe(valid);

    [Fact]
    public void A_chart_locks_the_clinics_hours_after_its_visit_started()
    {
        var visit = new DateTimeOffset(2026, 3, 8, 6, 30, 0, TimeSpan.Zero); // the night the clocks go forward in New York: hours are real hours
        new ChartingSettings { AutoLockHours = 12 }.LocksAt(visit).ShouldBe(visit.AddHours(12));
        new ChartingSettings().LocksAt(visit).ShouldBe(visit.AddHours(24)); // the default
    }
}
