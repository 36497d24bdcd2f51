using MedSpa.Core.Notifications;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Messaging;

/// <summary>
/// The outbox's sender, run by a timer every few seconds: every message that is due goes out by email and SMS as its
/// recipient's choices allow. A message is sent at least once and recorded once: each channel's repeatability id and
/// first-sent time are stored before its first attempt and repeated with every later one, so a crash between the
/// provider's "accepted" and our record of it never sends a second SMS; throttling and provider outages are retried
/// with backoff; texts wait out the quiet hours of the patient's zone.
/// </summary>
public sealed class SendDueMessages(IDocumentStore store, IMessageSender sender, PlanMessage plan, TimeProvider clock)
{
    private const string Container = Partitions.Notifications;

    /// <summary>Attempts per channel before a message is given up as failed (about a day with the backoff).</summary>
    public const int MaxAttempts = 8;

    private const int Batch = 500;

    /// <returns>How many messages were looked at.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var handled = 0;
        foreach (var clinic in await plan.ClinicsAsync(ct))
        {
            handled += await RunAsync<PatientNotice>(clinic.TenantId, PatientNotice.DocumentKind, ct);
            handled += await RunAsync<OutboundEmail>(clinic.TenantId, OutboundEmail.DocumentKind, ct);
        }

        return handled;
    }

    private async Task<int> RunAsync<T>(string tenantId, string kind, CancellationToken ct)
        where T : IOutboxMessage<T>
    {
        var now = clock.GetUtcNow();
        var handled = 0;
        while (true)
        {
            var due = await store.QueryAsync<T>(Container, tenantId, new DocumentQuery { OrderBy = nameof(PatientNotice.DueAt), PageSize = Batch }
                .Where(nameof(PatientNotice.Outbox), FilterOperator.Equal, OutboxState.Pending)
                .Where(nameof(PatientNotice.Kind), FilterOperator.Equal, kind)
                .Where(nameof(PatientNotice.DueAt), FilterOperator.LessThanOrEqual, now), ct);
            await Parallel.ForEachAsync(due.Items, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct },
                async (document, token) => await DeliverAsync(document.Body, token));
            handled += due.Items.Count;
            if (due.Items.Count < Batch)
            {
                return handled;
            }
        }
    }

    /// <summary>Sends what one message still has to send, and records what came of it.</summary>
    public async Task DeliverAsync<T>(T message, CancellationToken ct = default)
        where T : IOutboxMessage<T>
    {
        var now = clock.GetUtcNow();
        var planned = await plan.PlanAsync(message, ct);

        // First record every channel about to be tried (its keys), so that any later attempt repeats the same keys.
        var marked = await ChangeAsync<T>(message, m =>
        {
            var deliveries = m.Deliveries.ToList();
            foreach (var route in planned.Routes.Where(r => deliveries.All(d => d.Channel != r.Channel)))
            {
                deliveries.Add(route.SkipReason is { } reason
                    ? MessageDelivery.Skipped(route.Channel, reason, now)
                    : new MessageDelivery(route.Channel, route.To!, DeliveryStatus.Sending, MessageDelivery.RepeatabilityIdFor(m.TenantId, m.Id, route.Channel, route.To!), now, 0, null, null, now));
            }

            return m.WithOutbox(m.Outbox, m.DueAt, deliveries);
        }, ct);
        if (marked is null || marked.Outbox == OutboxState.Done)
        {
            return;
        }

        var outcomes = new Dictionary<CommunicationChannel, SendOutcome?>();
        var skipped = new Dictionary<CommunicationChannel, string>();
        foreach (var delivery in marked.Deliveries.Where(d => d.Status == DeliveryStatus.Sending))
        {
            if (delivery.Channel == CommunicationChannel.Email)
            {
                // Its delivery report names only the send operation (our repeatability id): routed before the first attempt.
                var key = EmailOperationRoute.Key(delivery.RepeatabilityId);
                await store.CreateOnceAsync(Partitions.Directory, key, key, new EmailOperationRoute(marked.TenantId, marked.Id, KindOf(marked)), ct);
            }

            if (planned.Routes.FirstOrDefault(r => r.Channel == delivery.Channel) is not { SkipReason: null } route || route.To != delivery.To)
            {
                // The patient changed their choices or number since the first attempt: that send is not made.
                skipped[delivery.Channel] = planned.Routes.FirstOrDefault(r => r.Channel == delivery.Channel)?.SkipReason ?? "The address changed before it could be sent.";
                continue;
            }

            if (planned.UsefulUntil is { } until && (delivery.Channel == CommunicationChannel.Sms ? planned.QuietHours.NextAllowed(now, planned.ZoneId) : now) >= until)
            {
                // A deposit request after its hold, an offer after its window (or kept back by the night past it): it would only mislead.
                skipped[delivery.Channel] = "Too late to be of use: what it offered had ended before it could be sent.";
                continue;
            }

            if (delivery.Channel == CommunicationChannel.Sms && planned.QuietHours.NextAllowed(now, planned.ZoneId) > now)
            {
                outcomes[delivery.Channel] = null; // waits for the morning
                continue;
            }

            outcomes[delivery.Channel] = delivery.Channel == CommunicationChannel.Sms
                ? await sender.SendSmsAsync(new SmsMessage(delivery.To, planned.SmsText, delivery.RepeatabilityId, delivery.FirstSentAt, $"{marked.TenantId}/{marked.Id}"), ct)
                : await sender.SendEmailAsync(new EmailMessage(delivery.To, planned.ToName, planned.Subject, planned.EmailText, delivery.RepeatabilityId,
                    await plan.AttachmentsAsync(marked, ct), MayHaveBeenSent: delivery.Attempts > 0 || delivery.FirstSentAt < now), ct);
        }

        await ChangeAsync<T>(marked, m =>
        {
            var at = clock.GetUtcNow();
            var deliveries = m.Deliveries.Select(d => d.Status != DeliveryStatus.Sending ? d
                : skipped.TryGetValue(d.Channel, out var reason) ? d with { Status = DeliveryStatus.Skipped, Detail = reason, UpdatedAt = at }
                : outcomes.TryGetValue(d.Channel, out var outcome) && outcome is not null ? Record(d, outcome, at)
                : d).ToList();
            var waiting = deliveries.Where(d => !d.IsFinal).ToList();
            if (waiting.Count == 0)
            {
                return m.WithOutbox(OutboxState.Done, m.DueAt, deliveries);
            }

            // Next: the soonest retry of a throttled send, or the morning for a text kept back by the quiet hours.
            var next = waiting.Min(d => outcomes.GetValueOrDefault(d.Channel) is null ? planned.QuietHours.NextAllowed(at, planned.ZoneId) : at + Backoff(d.Attempts, outcomes[d.Channel]));
            return m.WithOutbox(OutboxState.Pending, next, deliveries);
        }, ct);
    }

    private static MessageDelivery Record(MessageDelivery delivery, SendOutcome outcome, DateTimeOffset at) => outcome switch
    {
        SendOutcome.Accepted accepted => delivery with { Status = DeliveryStatus.Sent, Attempts = delivery.Attempts + 1, ProviderMessageId = accepted.ProviderMessageId, Detail = null, UpdatedAt = at },
        SendOutcome.Refused refused => delivery with { Status = DeliveryStatus.Failed, Attempts = delivery.Attempts + 1, Detail = refused.Reason, UpdatedAt = at },
        SendOutcome.TryLater later when delivery.Attempts + 1 >= MaxAttempts =>
            delivery with { Status = DeliveryStatus.Failed, Attempts = delivery.Attempts + 1, Detail = $"Gave up after {MaxAttempts} attempts: {later.Reason}", UpdatedAt = at },
        SendOutcome.TryLater later => delivery with { Attempts = delivery.Attempts + 1, Detail = later.Reason, UpdatedAt = at },
        _ => delivery,
    };

    private static string KindOf<T>(T message) => message is OutboundEmail ? OutboundEmail.DocumentKind : PatientNotice.DocumentKind;

    /// <summary>30 s, 1, 2, 4 … minutes (at most 6 hours), or what the provider asked for when it said how long.</summary>
    public static TimeSpan Backoff(int attemptsBefore, SendOutcome? outcome) =>
        outcome is SendOutcome.TryLater { After: { } after } && after > TimeSpan.Zero
            ? after
            : TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attemptsBefore), TimeSpan.FromHours(6).TotalSeconds));

    private async Task<T?> ChangeAsync<T>(T message, Func<T, T> change, CancellationToken ct)
        where T : IOutboxMessage<T> =>
        (await store.ChangeAsync(Container, message.TenantId, message.Id, change, ct)) is { } changed ? changed.Body : default;
}
