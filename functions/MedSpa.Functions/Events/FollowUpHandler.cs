using Microsoft.Extensions.DependencyInjection;

namespace MedSpa.Functions.Events;

/// <summary>
/// A follow-up that is a MedSpa.Core use case run with the event's ids (no orchestration to start): registered with
/// <see cref="FollowUps.AddFollowUp{TEvent, TUseCase}"/>, so such a follow-up is one line, not a class each.
/// </summary>
public sealed class FollowUpHandler<TEvent, TUseCase>(TUseCase useCase, Func<TUseCase, TEvent, CancellationToken, Task> run) : DomainEventHandler<TEvent>
    where TEvent : IDomainEvent
{
    protected override Task HandleAsync(TEvent domainEvent, DurableTaskClient client, CancellationToken ct) => run(useCase, domainEvent, ct);
}

public static class FollowUps
{
    /// <summary>When <typeparamref name="TEvent"/> is raised, <paramref name="run"/> the use case with it.</summary>
    public static IServiceCollection AddFollowUp<TEvent, TUseCase>(this IServiceCollection services, Func<TUseCase, TEvent, CancellationToken, Task> run)
        where TEvent : IDomainEvent
        where TUseCase : notnull =>
        services.AddSingleton<IDomainEventHandler>(sp => new FollowUpHandler<TEvent, TUseCase>(sp.GetRequiredService<TUseCase>(), run));
}
