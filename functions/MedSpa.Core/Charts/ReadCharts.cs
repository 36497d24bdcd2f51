namespace MedSpa.Core.Charts;

/// <summary>One chart as the caller may see it: clinicians the chart (with its version); the patient what was shared.</summary>
public sealed record ChartAsSeen(Document<Chart>? Chart, PatientChartView? Shared);

/// <summary>A patient's charts as the caller may see them: clinicians the charts; the patient the ones shared with them.</summary>
public sealed record PatientCharts(IReadOnlyList<Document<Chart>> Charts, IReadOnlyList<PatientChartView> Shared);

/// <summary>The reads of charting: one chart, a patient's charts, and the templates to start one from.</summary>
public sealed class ReadCharts(ChartStore charts, ChartAccess access)
{
    public async Task<Result<ChartAsSeen>> ChartAsync(Caller caller, string id, CancellationToken ct = default) =>
        (await access.OpenAsync(caller, id, ct)).Map(d => caller.Role == Role.Patient ? new ChartAsSeen(null, PatientChartView.Of(d.Body)) : new ChartAsSeen(d, null));

    public async Task<Result<PatientCharts>> OfPatientAsync(Caller caller, string patientId, CancellationToken ct = default)
    {
        if (await access.CheckPatientAsync(caller, patientId, ct) is { } refused)
        {
            return refused;
        }

        var all = await charts.OfPatientAsync(caller.TenantId, patientId, ct);
        return caller.Role == Role.Patient
            ? new PatientCharts([], [.. all.Where(d => d.Body.SharedAt is not null).Select(d => PatientChartView.Of(d.Body))])
            : new PatientCharts(all, []);
    }

    /// <summary>The built-in templates, then the clinic's own.</summary>
    public async Task<IReadOnlyList<ChartTemplate>> TemplatesAsync(Caller caller, CancellationToken ct = default) =>
        [.. BuiltInChartTemplates.All, .. await charts.TemplatesAsync(caller.TenantId, ct)];
}
