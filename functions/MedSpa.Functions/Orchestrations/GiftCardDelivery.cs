using MedSpa.Core.GiftCards;
using MedSpa.Core.Orchestrations;
using MedSpa.Functions.Events;
using Microsoft.DurableTask;

namespace MedSpa.Functions.Orchestrations;

public sealed record GiftCardDeliveryInput(string TenantId, string PurchaseId, DateTimeOffset DeliverAt);

/// <summary>
/// A paid gift card waits with a durable timer until the time its buyer chose (already an instant: the buyer's zone was
/// applied when it was bought), then its email goes out. One instance per purchase; a restart resumes the wait.
/// </summary>
public static class GiftCardDelivery
{
    public const string Name = "GiftCardDelivery";

    public static string InstanceIdFor(string tenantId, string purchaseId) => InstanceIds.For(tenantId, "gift-card-delivery", purchaseId);

    [Function(Name)]
    public static async Task<string> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<GiftCardDeliveryInput>() ?? throw new InvalidOperationException("The delivery needs its purchase.");
        if (input.DeliverAt.UtcDateTime > context.CurrentUtcDateTime)
        {
            context.SetCustomStatus($"scheduled for {input.DeliverAt:O}");
            await context.CreateTimer(input.DeliverAt.UtcDateTime, CancellationToken.None);
        }

        var sent = await context.CallActivityAsync<bool>(nameof(SendGiftCardEmail), input, ActivityRetry.Policy);
        context.SetCustomStatus(sent ? "delivered" : "nothing to deliver");
        return sent ? "delivered" : "nothing to deliver";
    }
}

public sealed class SendGiftCardEmail(DeliverGiftCard deliver)
{
    [Function(nameof(SendGiftCardEmail))]
    public Task<bool> Run([ActivityTrigger] GiftCardDeliveryInput input, FunctionContext context) =>
        deliver.DeliverAsync(input.TenantId, input.PurchaseId, context.CancellationToken);
}

/// <summary>A paid purchase starts its delivery; the instance id (one per purchase) makes a repeated event a no-op.</summary>
public sealed class ScheduleGiftCardDelivery : DomainEventHandler<GiftCardPurchased>
{
    protected override async Task HandleAsync(GiftCardPurchased purchased, DurableTaskClient client, CancellationToken ct)
    {
        var instanceId = GiftCardDelivery.InstanceIdFor(purchased.TenantId, purchased.PurchaseId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(GiftCardDelivery.Name,
                new GiftCardDeliveryInput(purchased.TenantId, purchased.PurchaseId, purchased.DeliverAt), new StartOrchestrationOptions(instanceId), ct);
        }
    }
}
