using Microsoft.Azure.Functions.Worker.Middleware;

namespace MedSpa.Functions.Events;

/// <summary>Opens the request's collection of domain events, and checks at the end that every raised event was published.</summary>
public sealed class DomainEventMiddleware(DomainEventQueue queue) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        queue.BeginCollecting();
        await next(context);
        if (queue.TakeAll() is { Count: > 0 } unpublished)
        {
            throw new InvalidOperationException(
                $"{context.FunctionDefinition.Name} raised {string.Join(", ", unpublished.Select(e => e.GetType().Name))} but never published: end the function with DomainEventPublisher.PublishAsync.");
        }
    }
}
