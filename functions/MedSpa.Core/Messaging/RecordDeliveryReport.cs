using MedSpa.Core.Notifications;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Messaging;

/// <summary>ACS's word on a text we sent (SMSDeliveryReportReceived): its tag is ours, "{clinic}/{notice id}".</summary>
public sealed record SmsDeliveryReport(string MessageId, string? Tag, string Status, string? Detail);

/// <summary>
/// Records what became of a text: delivered, or failed and why, on the notice's SMS delivery (the communication log
/// shows it). A report for a message we do not know, or a repeat, changes nothing.
/// </summary>
public sealed class RecordDeliveryReport(IDocumentStore store, TimeProvider clock)
{
    public async Task<string> RecordAsync(SmsDeliveryReport report, CancellationToken ct = default)
    {
        if (report.Tag?.Split('/', 2) is not [{ Length: > 0 } tenantId, { Length: > 0 } noticeId])
        {
            return "not ours";
        }

        var delivered = string.Equals(report.Status, "Delivered", StringComparison.OrdinalIgnoreCase);
        var changed = await store.ChangeAsync<PatientNotice>(Partitions.Notifications, tenantId, noticeId, notice => notice with
        {
            Deliveries = [.. notice.Deliveries.Select(d => d.Channel == CommunicationChannel.Sms && d.ProviderMessageId == report.MessageId && d.Status == DeliveryStatus.Sent
                ? d with { Status = delivered ? DeliveryStatus.Delivered : DeliveryStatus.Failed, Detail = delivered ? null : report.Detail ?? report.Status, UpdatedAt = clock.GetUtcNow() }
                : d)],
        }, ct);
        return changed is null ? "not ours" : delivered ? "delivered" : "failed";
    }
}
