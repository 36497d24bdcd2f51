namespace MedSpa.Core.Common;

/// <summary>Something that happened in the domain and that other work follows from ("the appointment freed its time").</summary>
public interface IDomainEvent;

/// <summary>
/// What use cases raised during one request. The host opens a collection around each request and, once the use case
/// has committed, hands what was raised to the event's handlers, so no caller has to remember the follow-up work.
/// <para>
/// Use cases are singletons, so the collection travels with the request's async flow. A use case that raises outside a
/// collection is a host that forgot to open one: that throws rather than losing the event.
/// </para>
/// </summary>
public sealed class DomainEventQueue
{
    private readonly AsyncLocal<List<IDomainEvent>?> _current = new();

    /// <summary>Starts collecting for the current request; events raised below this call (awaited) land in it.</summary>
    public void BeginCollecting() => _current.Value = [];

    public void Raise(IDomainEvent domainEvent) =>
        (_current.Value ?? throw new InvalidOperationException($"{domainEvent.GetType().Name} was raised outside a request that collects domain events."))
            .Add(domainEvent);

    /// <summary>Everything raised so far, removed from the collection.</summary>
    public IReadOnlyList<IDomainEvent> TakeAll()
    {
        if (_current.Value is not { Count: > 0 } raised)
        {
            return [];
        }

        IDomainEvent[] all = [.. raised];
        raised.Clear();
        return all;
    }
}
