using MedSpa.Core.Audit;

namespace MedSpa.Functions.Audit;

/// <summary>
/// An audit entry as the API shows it, with its version. Apart from the domain record, so that renaming a field there is
/// a compile error here, and the tenant never goes out. The actor record is shared with the domain; its wire paths are
/// pinned by the API contract test.
/// </summary>
public sealed record AuditEntryResponse(
    string Id, DateTimeOffset At, AuditActor Actor, string Action, string Resource, string? ResourceId, string Outcome, int Status,
    string? CorrelationId, string? Reason, string? ClientCorrelationId, string Etag)
{
    public static AuditEntryResponse From(Document<AuditEntry> document)
    {
        var a = document.Body;
        return new(a.Id, a.At, a.Actor, a.Action, a.Resource, a.ResourceId, a.Outcome, a.Status, a.CorrelationId, a.Reason, a.ClientCorrelationId, document.ETag);
    }
}
