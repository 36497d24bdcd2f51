namespace MedSpa.Functions.Events;

/// <summary>
/// Hands what the request's use cases raised to their handlers. A function whose use case can raise events binds a
/// Durable client and ends with <see cref="PublishAsync"/>; <see cref="DomainEventMiddleware"/> refuses to let a
/// request end with events nobody published, so a forgotten call fails the tests instead of losing the follow-up.
/// </summary>
public sealed class DomainEventPublisher(DomainEventQueue queue, IEnumerable<IDomainEventHandler> handlers)
{
    private readonly ILookup<Type, IDomainEventHandler> _byEvent = handlers.ToLookup(h => h.EventType);

    public async Task PublishAsync(DurableTaskClient client, CancellationToken ct)
    {
        foreach (var domainEvent in queue.TakeAll())
        {
            foreach (var handler in _byEvent[domainEvent.GetType()])
            {
                await handler.HandleAsync(domainEvent, client, ct);
            }
        }
    }
}
