using System.Text.Json.Serialization;
using MedSpa.Core.Charts;

namespace MedSpa.Functions.Charts;

/// <summary>The clinic's charting deadline: clinicians read it (the chart page says when a draft locks), admins change it.</summary>
public sealed class ChartingSettingsFunctions(ChartingSettingsStore settings)
{
    [Function("GetChartingSettings")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinic/charting")] HttpRequest request, FunctionContext context) =>
        SettingsDoorway.ReadAsync(request, settings, context.GetCaller().TenantId, ChartingSettingsContract.From, context.CancellationToken);

    [Function("UpdateChartingSettings")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "clinic/charting")] HttpRequest request, FunctionContext context) =>
        SettingsDoorway.SaveAsync(request, context, settings, (ChartingSettingsContract body) => body.ToSettings(), ChartingSettingsContract.From);
}

/// <summary>The settings on the wire: every one required, so a save cannot reset a setting the client left out.</summary>
public sealed record ChartingSettingsContract([property: JsonRequired] int AutoLockHours, [property: JsonRequired] int ReminderHoursBeforeLock)
{
    public ChartingSettings ToSettings() => new() { AutoLockHours = AutoLockHours, ReminderHoursBeforeLock = ReminderHoursBeforeLock };

    public static ChartingSettingsContract From(ChartingSettings settings) => new(settings.AutoLockHours, settings.ReminderHoursBeforeLock);
}
