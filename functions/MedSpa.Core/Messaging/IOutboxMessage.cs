namespace MedSpa.Core.Messaging;

/// <summary>A document the outbox sends: written once by what it reports, then only its sending state changes.</summary>
public interface IOutboxMessage<out T>
    where T : IOutboxMessage<T>
{
    string Id { get; }

    string TenantId { get; }

    string Subject { get; }

    string Body { get; }

    OutboxState Outbox { get; }

    DateTimeOffset DueAt { get; }

    IReadOnlyList<MessageDelivery> Deliveries { get; }

    T WithOutbox(OutboxState outbox, DateTimeOffset dueAt, IReadOnlyList<MessageDelivery> deliveries);
}
