namespace MedSpa.Core.Charts;

/// <summary>
/// What a patient sees of a chart shared with them: what was done (products and amounts, areas, zones treated) and
/// the after-care (only the after-care, when that is all the practitioner shared). The visit's time is the clinic's
/// wall clock with its offset. Never the internal notes, the template's fields, lots or the practitioner's working.
/// </summary>
public sealed record PatientChartView(
    string Id,
    string VisitStart,
    string ServiceName,
    string PractitionerName,
    ChartTreatment Treatment,
    IReadOnlyList<PatientChartView.ProductUsed> Products,
    IReadOnlyList<string> Areas,
    string? AfterCare,
    DateTimeOffset SharedAt)
{
    public sealed record ProductUsed(string Product, decimal Units, decimal Millilitres);

    public static PatientChartView Of(Chart chart) => new(
        chart.Id,
        chart.VisitStartAtLocation,
        chart.ServiceName,
        chart.PractitionerName,
        chart.Treatment,
        chart.SharesAfterCareOnly ? [] : [.. chart.Map.ByProduct().GroupBy(p => p.Product).Select(g => new ProductUsed(g.Key, g.Sum(p => p.Units), g.Sum(p => p.Millilitres)))],
        chart.SharesAfterCareOnly ? [] : [.. chart.Map.ByArea().Select(a => a.Area).Concat(chart.Map.Zones.Select(z => z.Area)).Distinct(StringComparer.OrdinalIgnoreCase)],
        chart.AfterCare ?? (chart.Fields.TryGetValue("afterCare", out var given) ? given : null),
        chart.SharedAt ?? chart.UpdatedAt);
}
