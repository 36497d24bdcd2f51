using MedSpa.Core.Messaging;

namespace MedSpa.Functions.Messaging;

/// <summary>Every hour: clinics past 10:00 on their clock greet today's birthdays (once each; see SendBirthdayGreetings).</summary>
public sealed class SendBirthdayGreetingsTimer(SendBirthdayGreetings greet)
{
    [Function("SendBirthdayGreetings")]
    public Task Run([TimerTrigger("0 7 * * * *")] TimerInfo timer, FunctionContext context) => greet.RunAsync(context.CancellationToken);
}
