namespace MedSpa.Functions.Events;

/// <summary>
/// Does the follow-up work of one kind of domain event. Follow-ups start orchestrations, and the isolated worker hands a
/// Durable client only to a function (as a binding), so the publishing function passes its client along.
/// </summary>
public interface IDomainEventHandler
{
    Type EventType { get; }

    Task HandleAsync(IDomainEvent domainEvent, DurableTaskClient client, CancellationToken ct);
}

/// <summary>The typed base every handler derives from: one handler class per event.</summary>
public abstract class DomainEventHandler<TEvent> : IDomainEventHandler
    where TEvent : IDomainEvent
{
    public Type EventType => typeof(TEvent);

    public Task HandleAsync(IDomainEvent domainEvent, DurableTaskClient client, CancellationToken ct) => HandleAsync((TEvent)domainEvent, client, ct);

    protected abstract Task HandleAsync(TEvent domainEvent, DurableTaskClient client, CancellationToken ct);
}
