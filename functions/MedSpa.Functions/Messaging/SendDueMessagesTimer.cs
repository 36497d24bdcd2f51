using MedSpa.Core.Messaging;

namespace MedSpa.Functions.Messaging;

/// <summary>Sends what the outbox holds that is due, every ten seconds (a booking's confirmation goes out within them).</summary>
public sealed class SendDueMessagesTimer(SendDueMessages send)
{
    [Function("SendDueMessages")]
    public Task Run([TimerTrigger("*/10 * * * * *")] TimerInfo timer, FunctionContext context) => send.RunAsync(context.CancellationToken);
}
