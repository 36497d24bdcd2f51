using MedSpa.Core.Access;

namespace MedSpa.Core.Messaging;

/// <summary>
/// The front desk's inbox of patients' texts that need a person: open ones first, newest first; marked done by whoever
/// dealt with it. The clinic's desk and admins only.
/// </summary>
public sealed class MessageInbox(IDocumentStore store, Notifications.PatientNoticeStore notices, TimeProvider clock)
{
    /// <summary>What a reply from the inbox carries: the text and a key of the desk's page, so a retry sends it once.</summary>
    public sealed record ReplyRequest(string? Text, string? IdempotencyKey);

    public async Task<Result<IReadOnlyList<InboxMessage>>> ReadAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.Is(Role.Admin | Role.FrontDesk))
        {
            return new Error.Forbidden("The inbox is the front desk's.");
        }

        var page = await store.QueryAsync<InboxMessage>(Partitions.Notifications, caller.TenantId, new DocumentQuery { OrderBy = nameof(InboxMessage.At), Descending = true, PageSize = 200 }
            .Where(nameof(InboxMessage.Kind), FilterOperator.Equal, InboxMessage.DocumentKind), ct);
        return page.Items.Select(d => d.Body).OrderBy(m => m.Done).ThenByDescending(m => m.At).ToList();
    }

    public async Task<Result<InboxMessage>> MarkDoneAsync(Caller caller, string id, CancellationToken ct = default)
    {
        if (!caller.Is(Role.Admin | Role.FrontDesk))
        {
            return new Error.Forbidden("The inbox is the front desk's.");
        }

        var changed = id.StartsWith("inbox:", StringComparison.Ordinal)
            ? await store.ChangeAsync<InboxMessage>(Partitions.Notifications, caller.TenantId, id, m => m.Done ? m : m with { Done = true, DoneBy = caller.Email, DoneAt = clock.GetUtcNow() }, ct)
            : null;
        return changed is { Body.Kind: InboxMessage.DocumentKind } ? changed.Body : new Error.NotFound($"No message {id} in the inbox.");
    }

    /// <summary>
    /// The desk answers a patient's text: the answer goes by text only (through the outbox, so quiet hours and STOP hold),
    /// is kept with the message and in the patient's communication log, and files the message as done.
    /// </summary>
    public async Task<Result<InboxMessage>> ReplyAsync(Caller caller, string id, ReplyRequest request, CancellationToken ct = default)
    {
        if (!caller.Is(Role.Admin | Role.FrontDesk))
        {
            return new Error.Forbidden("The inbox is the front desk's.");
        }

        var found = id.StartsWith("inbox:", StringComparison.Ordinal) ? await store.ReadAsync<InboxMessage>(Partitions.Notifications, caller.TenantId, id, ct) : null;
        if (found is not { Body.Kind: InboxMessage.DocumentKind })
        {
            return new Error.NotFound($"No message {id} in the inbox.");
        }

        var errors = new Dictionary<string, string[]>();
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors["text"] = ["Write the reply."];
        }
        else if (text.Length > 300 || text.Any(c => char.IsControl(c) && c is not '\n'))
        {
            errors["text"] = ["At most 300 characters (two texts), without control characters."];
        }

        if (!IdempotencyKeys.IsValid(request.IdempotencyKey))
        {
            errors[IdempotencyKeys.Field] = IdempotencyKeys.Message;
        }

        if (errors.Count > 0)
        {
            return new Error.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var key = request.IdempotencyKey!;
        await notices.RecordAsync(new Notifications.PatientNotice($"inbox-reply:{found.Body.Id}:{key}", caller.TenantId, found.Body.PatientId, "From the front desk", text, now) { TextOnly = true }, ct);
        var changed = await store.ChangeAsync<InboxMessage>(Partitions.Notifications, caller.TenantId, id, m => m.Replies.Any(r => r.Key == key)
            ? m
            : m with { Replies = [.. m.Replies, new InboxReply(key, text, caller.Email, now)], Done = true, DoneBy = m.DoneBy ?? caller.Email, DoneAt = m.DoneAt ?? now }, ct);
        return changed!.Body;
    }
}
