using MedSpa.Core.Orchestrations;
using MedSpa.Core.Payments;
using Microsoft.DurableTask;
using MedSpa.Core.Deposits;

namespace MedSpa.Functions.Orchestrations;

public sealed record BookingSagaInput(string TenantId, string AppointmentId, Money Deposit, DateTimeOffset HoldExpiresAt);

/// <summary>
/// A booking that needs a deposit: request it, wait for the provider's outcome (Stripe's webhook, via the outcome event)
/// until the hold expires, then confirm the booking, or release the time and tell the patient.
/// </summary>
public static class BookingSaga
{
    public const string Name = "BookingSaga";
    public const string DepositSettledEvent = "DepositSettled";
    public const string InstanceKind = "booking";


    public static string InstanceIdFor(string tenantId, string appointmentId) => InstanceIds.For(tenantId, InstanceKind, appointmentId);

    [Function(Name)]
    public static async Task<string> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<BookingSagaInput>() ?? throw new InvalidOperationException("The saga needs its booking.");
        await context.CallActivityAsync<DepositIntent>(nameof(RequestDeposit), input, ActivityRetry.Policy);
        context.SetCustomStatus("awaiting-deposit");

        // A patient still paying is not disturbed; one who left gets a message with the way back, then the rest of the hold.
        var hold = input.HoldExpiresAt - context.CurrentUtcDateTime;
        var settled = await SettledWithinAsync(context, TimeSpan.FromTicks(Math.Min(AskForDepositAfter.Ticks, hold.Ticks / 2)));
        if (settled is null && context.CurrentUtcDateTime < input.HoldExpiresAt)
        {
            await context.CallActivityAsync(nameof(AskForDeposit), input, ActivityRetry.Policy);
            settled = await SettledWithinAsync(context, input.HoldExpiresAt - context.CurrentUtcDateTime);
        }

        if (settled is { Succeeded: true })
        {
            context.SetCustomStatus("confirmed");
            return await context.CallActivityAsync<string>(nameof(ConfirmBooking), input, ActivityRetry.Policy);
        }

        var reason = settled is null ? "The deposit was not paid before the hold expired." : settled.Reason ?? "The deposit payment did not go through.";
        context.SetCustomStatus("released");
        var released = await context.CallActivityAsync<string>(nameof(ReleaseBooking), new ReleaseRequest(input.TenantId, input.AppointmentId, reason), ActivityRetry.Policy);
        await context.CallActivityAsync(nameof(OfferFreedTimeToWaitlist), new WaitlistOfferInput(input.TenantId, input.AppointmentId), ActivityRetry.Policy);
        return released;
    }

    /// <summary>How long a patient may take paying on the page before they are sent the deposit request (at most half the hold).</summary>
    public static readonly TimeSpan AskForDepositAfter = TimeSpan.FromMinutes(4);

    private static async Task<DepositSettled?> SettledWithinAsync(TaskOrchestrationContext context, TimeSpan wait)
    {
        try
        {
            return wait > TimeSpan.Zero ? await context.WaitForExternalEvent<DepositSettled>(DepositSettledEvent, wait) : null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Starts the saga for a held booking; the instance id makes a second start a no-op.</summary>
    public static async Task StartAsync(DurableTaskClient client, Core.Deposits.DepositNeeded needed, CancellationToken ct)
    {
        var instanceId = InstanceIdFor(needed.TenantId, needed.AppointmentId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(Name,
                new BookingSagaInput(needed.TenantId, needed.AppointmentId, needed.Deposit, needed.HoldExpiresAt),
                new StartOrchestrationOptions(instanceId), ct);
        }
    }

    public sealed record ReleaseRequest(string TenantId, string AppointmentId, string Reason);
}

public sealed class RequestDeposit(Core.Deposits.RequestDeposit request)
{
    [Function(nameof(RequestDeposit))]
    public async Task<DepositIntent> Run([ActivityTrigger] BookingSagaInput input, FunctionContext context) =>
        (await request.RequestAsync(input.TenantId, input.AppointmentId, input.Deposit, context.CancellationToken)).Deposit;
}

public sealed class AskForDeposit(Core.Deposits.AskForDeposit ask)
{
    [Function(nameof(AskForDeposit))]
    public Task Run([ActivityTrigger] BookingSagaInput input, FunctionContext context) =>
        ask.AskAsync(input.TenantId, input.AppointmentId, context.CancellationToken);
}

public sealed class ConfirmBooking(SettleDeposit settle)
{
    [Function(nameof(ConfirmBooking))]
    public Task<string> Run([ActivityTrigger] BookingSagaInput input, FunctionContext context) =>
        settle.ConfirmAsync(input.TenantId, input.AppointmentId, context.CancellationToken);
}

public sealed class ReleaseBooking(SettleDeposit settle)
{
    [Function(nameof(ReleaseBooking))]
    public Task<string> Run([ActivityTrigger] BookingSaga.ReleaseRequest input, FunctionContext context) =>
        settle.ReleaseAsync(input.TenantId, input.AppointmentId, input.Reason, context.CancellationToken);
}
