using MedSpa.Core.Orchestrations;
using Microsoft.DurableTask;
using MedSpa.Core.Waitlist;

namespace MedSpa.Functions.Orchestrations;

/// <summary>The appointment whose cancellation freed a time.</summary>
public sealed record WaitlistOfferInput(string TenantId, string AppointmentId);

/// <summary>The <see cref="WaitlistOffer.AcceptedEvent"/> payload: which offer, accepted by whom.</summary>
public sealed record WaitlistOfferAccepted(string OfferId, string PatientId);

/// <summary>
/// A cancellation freed a time: offer it to the best-matching waitlisted patients, a few at a time, each round with a
/// response window. The first acceptance is booked and the others are told the time is gone; a closed window passes
/// the time to the next patients, for a few rounds. Every decision is a pure call into MedSpa.Core.
/// </summary>
public static class WaitlistOffer
{
    public const string Name = "WaitlistOffer";
    public const string AcceptedEvent = "OfferAccepted";
    public const string InstanceKind = "waitlist";


    public static string InstanceIdFor(string tenantId, string appointmentId) => InstanceIds.For(tenantId, InstanceKind, appointmentId);

    [Function(Name)]
    public static async Task<string> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<WaitlistOfferInput>() ?? throw new InvalidOperationException("The waitlist offer needs the freed appointment.");
        var slot = await context.CallActivityAsync<FreedSlot?>(nameof(DescribeFreedTime), input, ActivityRetry.Policy);
        if (slot is null)
        {
            context.SetCustomStatus("not-freed");
            return "not-freed";
        }

        for (var round = 1; ; round++)
        {
            var window = WaitlistOfferRules.WindowFor(round, Now(context), slot.Start);
            if (window is null)
            {
                context.SetCustomStatus("unfilled");
                return round == 1 ? "too-late" : "unfilled";
            }

            var expiresAt = Now(context) + window.Value;
            var sent = await context.CallActivityAsync<WaitlistRoundResult>(nameof(SendWaitlistOffers),
                new WaitlistRound(input.TenantId, input.AppointmentId, slot, round, expiresAt), ActivityRetry.Policy);
            if (!sent.StillFree)
            {
                return await EndAsync(context, input, "taken");
            }

            if (sent.Offered == 0)
            {
                context.SetCustomStatus("unfilled");
                return round == 1 ? "no-match" : "unfilled";
            }

            context.SetCustomStatus($"round {round}: offered to {sent.Offered} until {expiresAt:O}");
            while (await WaitForAcceptanceAsync(context, expiresAt) is { } accepted)
            {
                var outcome = await context.CallActivityAsync<WaitlistBookingOutcome>(nameof(BookWaitlistOffer),
                    new WaitlistAcceptance(input.TenantId, input.AppointmentId, accepted.OfferId, accepted.PatientId), ActivityRetry.Policy);
                if (outcome is WaitlistBookingOutcome.Booked or WaitlistBookingOutcome.Taken)
                {
                    return await EndAsync(context, input, outcome == WaitlistBookingOutcome.Booked ? "booked" : "taken");
                }

                // Failed for that patient, or not an open offer: the others may still accept in this window.
            }

            await context.CallActivityAsync(nameof(ExpireWaitlistOffers), new WaitlistRoundEnd(input.TenantId, input.AppointmentId, round), ActivityRetry.Policy);
        }
    }

    /// <summary>Starts offering the time an appointment freed; the instance id (one per appointment) makes a second start a no-op.</summary>
    public static async Task StartAsync(DurableTaskClient client, string tenantId, string appointmentId, CancellationToken ct)
    {
        var instanceId = InstanceIdFor(tenantId, appointmentId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(Name, new WaitlistOfferInput(tenantId, appointmentId), new StartOrchestrationOptions(instanceId), ct);
        }
    }


    private static async Task<string> EndAsync(TaskOrchestrationContext context, WaitlistOfferInput input, string outcome)
    {
        await context.CallActivityAsync(nameof(WithdrawWaitlistOffers), input, ActivityRetry.Policy);
        context.SetCustomStatus(outcome);
        return outcome;
    }

    private static async Task<WaitlistOfferAccepted?> WaitForAcceptanceAsync(TaskOrchestrationContext context, DateTimeOffset expiresAt)
    {
        var remaining = expiresAt - Now(context);
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }

        try
        {
            return await context.WaitForExternalEvent<WaitlistOfferAccepted>(AcceptedEvent, remaining);
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private static DateTimeOffset Now(TaskOrchestrationContext context) => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public sealed record WaitlistRoundEnd(string TenantId, string AppointmentId, int Round);
}

public sealed class DescribeFreedTime(WaitlistOffering offering)
{
    [Function(nameof(DescribeFreedTime))]
    public Task<FreedSlot?> Run([ActivityTrigger] WaitlistOfferInput input, FunctionContext context) =>
        offering.DescribeAsync(input.TenantId, input.AppointmentId, context.CancellationToken);
}

public sealed class SendWaitlistOffers(WaitlistOffering offering)
{
    [Function(nameof(SendWaitlistOffers))]
    public Task<WaitlistRoundResult> Run([ActivityTrigger] WaitlistRound round, FunctionContext context) =>
        offering.OfferRoundAsync(round, context.CancellationToken);
}

public sealed class BookWaitlistOffer(WaitlistOffering offering)
{
    [Function(nameof(BookWaitlistOffer))]
    public Task<WaitlistBookingOutcome> Run([ActivityTrigger] WaitlistAcceptance acceptance, FunctionContext context) =>
        offering.BookAsync(acceptance, context.CancellationToken);
}

public sealed class ExpireWaitlistOffers(WaitlistOffering offering)
{
    [Function(nameof(ExpireWaitlistOffers))]
    public Task Run([ActivityTrigger] WaitlistOffer.WaitlistRoundEnd end, FunctionContext context) =>
        offering.ExpireRoundAsync(end.TenantId, end.AppointmentId, end.Round, context.CancellationToken);
}

public sealed class WithdrawWaitlistOffers(WaitlistOffering offering)
{
    [Function(nameof(WithdrawWaitlistOffers))]
    public Task Run([ActivityTrigger] WaitlistOfferInput input, FunctionContext context) =>
        offering.WithdrawOpenAsync(input.TenantId, input.AppointmentId, context.CancellationToken);
}

/// <summary>For orchestrations that free a time themselves (the booking saga releasing an unpaid hold): start the waitlist offer.</summary>
public sealed class OfferFreedTimeToWaitlist(AppointmentStore book)
{
    [Function(nameof(OfferFreedTimeToWaitlist))]
    public async Task Run([ActivityTrigger] WaitlistOfferInput input, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        if ((await book.GetAsync(input.TenantId, input.AppointmentId, context.CancellationToken))?.Body is { HoldsTime: false })
        {
            await WaitlistOffer.StartAsync(client, input.TenantId, input.AppointmentId, context.CancellationToken);
        }
    }
}
