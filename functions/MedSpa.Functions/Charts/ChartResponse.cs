using MedSpa.Core.Charts;

namespace MedSpa.Functions.Charts;

/// <summary>A chart as clinicians read it, with its totals per product and lot and per area (the clinic is never on the wire).</summary>
public sealed record ChartResponse(
    string Id, string PatientId, string AppointmentId, string PractitionerId, string PractitionerName, string ServiceName, string VisitStart,
    string TemplateId, string TemplateName, ChartTreatment Treatment, ChartDiagram Diagram, IReadOnlyDictionary<string, string> Fields, FaceMap Map,
    IReadOnlyList<ProductTotal> ProductTotals, IReadOnlyList<AreaTotal> AreaTotals, string? InternalNotes, string? AfterCare, ChartStatus Status,
    ChartSignature? Signature, DateTimeOffset? LockedAt, string? LockedBy, IReadOnlyList<ChartAmendment> Amendments, DateTimeOffset? SharedAt, bool SharesAfterCareOnly,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ChartResponse From(Chart c) => new(
        c.Id, c.PatientId, c.AppointmentId, c.PractitionerId, c.PractitionerName, c.ServiceName, c.VisitStartAtLocation, c.TemplateId, c.TemplateName, c.Treatment, c.Diagram,
        c.Fields, c.Map, c.Map.ByProduct(), c.Map.ByArea(), c.InternalNotes, c.AfterCare, c.Status, c.Signature, c.LockedAt, c.LockedBy, c.Amendments, c.SharedAt, c.SharesAfterCareOnly,
        c.CreatedAt, c.UpdatedAt);
}
