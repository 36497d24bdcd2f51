using MedSpa.Core.Notifications;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Messaging;

/// <summary>ACS's word on a text we sent (SMSDeliveryReportReceived): its tag is ours, "{clinic}/{notice id}".</summary>
public sealed record SmsDeliveryReport(string MessageId, string? Tag, string Status, string? Detail);

/// <summary>ACS's word on an email we sent (EmailDeliveryReportReceived): its message id is our send operation's id.</summary>
public sealed record EmailDeliveryReport(string MessageId, string Status, string? Detail);

/// <summary>
/// The directory's route from an email's send operation (an id we choose, a UUID) to the message it sent: an email's
/// delivery report names only the operation. Written before the first attempt, once.
/// </summary>
public sealed record EmailOperationRoute(string TenantId, string MessageId, string MessageKind)
{
    public static string Key(Guid operationId) => $"email-operation:{operationId:D}";
}

/// <summary>
/// Records what became of a text or an email: delivered, or failed and why, on the message's delivery for that channel
/// (the communication log shows it). A report for a message we do not know, or a repeat, changes nothing.
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

    public async Task<string> RecordAsync(EmailDeliveryReport report, CancellationToken ct = default)
    {
        // "Expanded" (a distribution list opened) is not an end; every other status but Delivered is a failure.
        if (!Guid.TryParse(report.MessageId, out var operationId) || string.Equals(report.Status, "Expanded", StringComparison.OrdinalIgnoreCase))
        {
            return "not ours";
        }

        var key = EmailOperationRoute.Key(operationId);
        if ((await store.ReadAsync<EmailOperationRoute>(Partitions.Directory, key, key, ct))?.Body is not { } route)
        {
            return "not ours";
        }

        var delivered = string.Equals(report.Status, "Delivered", StringComparison.OrdinalIgnoreCase);
        var changed = route.MessageKind == Notifications.OutboundEmail.DocumentKind
            ? await MarkAsync<Notifications.OutboundEmail>(route, report, delivered, ct)
            : await MarkAsync<PatientNotice>(route, report, delivered, ct);
        return changed ? delivered ? "delivered" : "failed" : "not ours";
    }

    private async Task<bool> MarkAsync<T>(EmailOperationRoute route, EmailDeliveryReport report, bool delivered, CancellationToken ct)
        where T : IOutboxMessage<T> =>
        await store.ChangeAsync<T>(Partitions.Notifications, route.TenantId, route.MessageId, m => m.WithOutbox(m.Outbox, m.DueAt,
        [
            .. m.Deliveries.Select(d => d.Channel == CommunicationChannel.Email && d.ProviderMessageId == report.MessageId && d.Status == DeliveryStatus.Sent
                ? d with { Status = delivered ? DeliveryStatus.Delivered : DeliveryStatus.Failed, Detail = delivered ? null : report.Detail ?? report.Status, UpdatedAt = clock.GetUtcNow() }
                : d),
        ]), ct) is not null;
}
