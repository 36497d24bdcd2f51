using FluentValidation;

namespace MedSpa.Core.Charts;

/// <summary>
/// The clinic's deadline for charts: an unsigned chart locks this many hours after its visit started, and the
/// practitioner is reminded this many hours before (0: no reminder). 24 and 4 unless the clinic decides otherwise.
/// </summary>
public sealed record ChartingSettings : Settings.IClinicSettings<ChartingSettings>
{
    public int AutoLockHours { get; init; } = 24;

    public int ReminderHoursBeforeLock { get; init; } = 4;

    public string TenantId { get; init; } = "";

    public string Kind => "charting-settings";

    public static string DocumentId => "charting-settings";

    public static string Called => "the charting settings";

    public ChartingSettings ForClinic(string tenantId) => this with { TenantId = tenantId };

    /// <summary>When a chart of a visit that started at <paramref name="visitStart"/> locks if no one signs it.</summary>
    public DateTimeOffset LocksAt(DateTimeOffset visitStart) => visitStart.AddHours(AutoLockHours);
}

public sealed class ChartingSettingsValidator : AbstractValidator<ChartingSettings>
{
    public ChartingSettingsValidator()
    {
        RuleFor(s => s.AutoLockHours).InclusiveBetween(1, 168).WithMessage("Between 1 hour and 7 days (168 hours).");
        RuleFor(s => s.ReminderHoursBeforeLock).GreaterThanOrEqualTo(0).WithMessage("0 (no reminder) or more.")
            .LessThan(s => s.AutoLockHours).WithMessage("Remind before the chart locks: fewer hours than the lock takes.");
    }
}

public sealed class ChartingSettingsStore(IDocumentStore store, IValidator<ChartingSettings> validator) : Settings.ClinicSettingsStore<ChartingSettings>(store, validator);
