namespace MedSpa.Core.Notifications;

/// <summary>
/// An email to someone who is not (yet) a patient of the clinic — a gift card's recipient — kept in the outbox like a
/// patient notice, and sent by <see cref="Messaging.SendDueMessages"/>.
/// </summary>
public sealed record OutboundEmail(string Id, string TenantId, string To, string? ToName, string Subject, string Body, DateTimeOffset At)
    : Messaging.IOutboxMessage<OutboundEmail>
{
    public const string DocumentKind = "outbound-email";

    public string Kind => DocumentKind;

    public Messaging.OutboxState Outbox { get; init; } = Messaging.OutboxState.Pending;

    public DateTimeOffset DueAt { get; init; } = At;

    public IReadOnlyList<Messaging.MessageDelivery> Deliveries { get; init; } = [];

    public OutboundEmail WithOutbox(Messaging.OutboxState outbox, DateTimeOffset dueAt, IReadOnlyList<Messaging.MessageDelivery> deliveries) =>
        this with { Outbox = outbox, DueAt = dueAt, Deliveries = deliveries };
}

/// <summary>Records emails idempotently: the id names what the email is for, so a retried step writes it once and keeps the first.</summary>
public sealed class EmailOutbox(IDocumentStore store)
{
    public Task<bool> RecordAsync(OutboundEmail email, CancellationToken ct = default) =>
        store.CreateOnceAsync(Partitions.Notifications, email.TenantId, email.Id, email, ct);

    public async Task<OutboundEmail?> GetAsync(string tenantId, string id, CancellationToken ct = default) =>
        (await store.ReadAsync<OutboundEmail>(Partitions.Notifications, tenantId, id, ct))?.Body;
}
