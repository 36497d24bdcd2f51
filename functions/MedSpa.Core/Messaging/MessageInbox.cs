using MedSpa.Core.Access;

namespace MedSpa.Core.Messaging;

/// <summary>
/// The front desk's inbox of patients' texts that need a person: open ones first, newest first; marked done by whoever
/// dealt with it. The clinic's desk and admins only.
/// </summary>
public sealed class MessageInbox(IDocumentStore store, TimeProvider clock)
{
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
}
