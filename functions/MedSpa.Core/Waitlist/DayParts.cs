using FluentValidation;

namespace MedSpa.Core.Waitlist;

public static class DayParts
{
    public static readonly IReadOnlyList<DayPart> All = [DayPart.Morning, DayPart.Afternoon, DayPart.Evening];

    public static DayPart Of(TimeOnly localTime) => localTime.Hour switch
    {
        < 12 => DayPart.Morning,
        < 17 => DayPart.Afternoon,
        _ => DayPart.Evening,
    };

    public static DayPart? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "morning" => DayPart.Morning,
        "afternoon" => DayPart.Afternoon,
        "evening" => DayPart.Evening,
        _ => null,
    };
}
