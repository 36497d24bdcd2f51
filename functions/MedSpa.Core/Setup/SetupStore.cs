using FluentValidation;

namespace MedSpa.Core.Setup;

public sealed record SetupListQuery(string? Search = null, bool IncludeDeleted = false, int PageSize = 50, string? ContinuationToken = null);

/// <summary>
/// Create, read, update, soft-delete and restore for one kind of clinic-setup item, always inside the caller's clinic.
/// Updates need the ETag they were based on (If-Match), so two admins never silently overwrite each other.
/// </summary>
public sealed class SetupStore<T>(IDocumentStore store, IValidator<T> validator, TimeProvider clock, IEnumerable<ISetupItemHook<T>> hooks, ClinicSetupStore setup)
    where T : SetupItem
{
    private static readonly string Kind = KindOf();

    public async Task<Result<DocumentPage<T>>> ListAsync(Caller caller, SetupListQuery query, CancellationToken ct = default)
    {
        if (query.PageSize is < 1 or > DocumentQuery.MaxPageSize)
        {
            return Error.Invalid.Field("pageSize", $"Between 1 and {DocumentQuery.MaxPageSize}.");
        }

        if (query.Search?.Length > SetupRules.NameLength)
        {
            return Error.Invalid.Field("q", $"At most {SetupRules.NameLength} characters.");
        }

        var documentQuery = new DocumentQuery { OrderBy = nameof(SetupItem.SortName), PageSize = query.PageSize, ContinuationToken = query.ContinuationToken }
            .Where(nameof(SetupItem.Kind), FilterOperator.Equal, Kind);
        if (!query.IncludeDeleted)
        {
            documentQuery = documentQuery.Where(nameof(SetupItem.Deleted), FilterOperator.Equal, false);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            documentQuery = documentQuery.Where(nameof(SetupItem.SearchText), FilterOperator.Contains, query.Search.Trim().ToLowerInvariant());
        }

        try
        {
            return await store.QueryAsync<T>(Partitions.Clinic, caller.TenantId, documentQuery, ct);
        }
        catch (InvalidContinuationTokenException e)
        {
            return Error.Invalid.Field("continuationToken", e.Message);
        }
    }

    public async Task<Result<Document<T>>> GetAsync(Caller caller, string id, CancellationToken ct = default) =>
        await FindAsync(caller.TenantId, id, ct) is { } found ? found : NotFound(id);

    public async Task<Result<Document<T>>> CreateAsync(Caller caller, T input, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var item = input with { Id = $"{Kind}-{Guid.NewGuid():N}", TenantId = caller.TenantId, Deleted = false, CreatedAt = now, UpdatedAt = now };
        if (await CheckAsync(caller, item, ct) is { } error)
        {
            return error;
        }

        var created = await store.CreateAsync(Partitions.Clinic, caller.TenantId, item.Id, item, ct);
        await AfterSaveAsync(caller, created.Body, ct);
        return created;
    }

    public async Task<Result<Document<T>>> UpdateAsync(Caller caller, string id, T input, string? ifMatch, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return new Error.VersionRequired("This page's copy is out of date, so saving could overwrite a newer change. Reload it and try again.");
        }

        var existing = await FindAsync(caller.TenantId, id, ct);
        if (existing is null)
        {
            return NotFound(id);
        }

        var item = input with
        {
            Id = id,
            TenantId = caller.TenantId,
            Deleted = existing.Body.Deleted,
            CreatedAt = existing.Body.CreatedAt,
            UpdatedAt = clock.GetUtcNow(),
        };
        if (await CheckAsync(caller, item, ct) is { } error)
        {
            return error;
        }

        return await ReplaceAsync(caller, item, ifMatch, existing.Body, ct);
    }

    public Task<Result<Document<T>>> DeleteAsync(Caller caller, string id, string? ifMatch, CancellationToken ct = default) =>
        SetDeletedAsync(caller, id, ifMatch, deleted: true, ct);

    public Task<Result<Document<T>>> RestoreAsync(Caller caller, string id, string? ifMatch, CancellationToken ct = default) =>
        SetDeletedAsync(caller, id, ifMatch, deleted: false, ct);

    private async Task<Result<Document<T>>> SetDeletedAsync(Caller caller, string id, string? ifMatch, bool deleted, CancellationToken ct)
    {
        var existing = await FindAsync(caller.TenantId, id, ct);
        if (existing is null)
        {
            return NotFound(id);
        }

        if (existing.Body.Deleted == deleted)
        {
            return existing;
        }

        if (!deleted && await RunHooksAsync(h => h.CheckAsync(caller, existing.Body, ct)) is { } error)
        {
            return error;
        }

        var item = existing.Body with { Deleted = deleted, UpdatedAt = clock.GetUtcNow() };
        return await ReplaceAsync(caller, item, string.IsNullOrWhiteSpace(ifMatch) ? existing.ETag : ifMatch, existing.Body, ct);
    }

    private async Task<Result<Document<T>>> ReplaceAsync(Caller caller, T item, string ifMatch, T before, CancellationToken ct)
    {
        try
        {
            var saved = await store.ReplaceAsync(Partitions.Clinic, caller.TenantId, item.Id, item, ifMatch, ct);
            await AfterSaveAsync(caller, saved.Body, ct, before);
            return saved;
        }
        catch (DocumentStaleException)
        {
            return new Error.Stale($"This {Kind} was changed by someone else. Reload it and apply your change again.");
        }
        catch (DocumentNotFoundException)
        {
            return NotFound(item.Id);
        }
    }

    private async Task<Document<T>?> FindAsync(string tenantId, string id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100)
        {
            return null;
        }

        var document = await store.ReadAsync<T>(Partitions.Clinic, tenantId, id, ct);
        return document is not null && document.Body.Kind == Kind && document.Body.TenantId == tenantId ? document : null;
    }

    private async Task<Error?> CheckAsync(Caller caller, T item, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(item, ct);
        if (!validation.IsValid)
        {
            return FieldErrors.From(validation);
        }

        var missing = new Dictionary<string, string[]>();
        foreach (var reference in SetupReferences.Of(item))
        {
            var target = await store.ReadAsync<SetupReference>(Partitions.Clinic, caller.TenantId, reference.Id, ct);
            if (target is null || target.Body.Kind != reference.Kind || target.Body.Deleted)
            {
                missing[reference.Field] = [$"No {reference.Kind} with id '{reference.Id}' in this clinic."];
            }
        }

        if (missing.Count > 0)
        {
            return new Error.Invalid(missing);
        }

        return await RunHooksAsync(h => h.CheckAsync(caller, item, ct));
    }

    private async Task<Error?> RunHooksAsync(Func<ISetupItemHook<T>, Task<Error?>> check)
    {
        foreach (var hook in hooks)
        {
            if (await check(hook) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private async Task AfterSaveAsync(Caller caller, T saved, CancellationToken ct, T? before = null)
    {
        await setup.ChangedAsync(caller.TenantId, ct);
        foreach (var hook in hooks)
        {
            await hook.AfterSaveAsync(caller, before, saved, ct);
        }
    }

    private static Error.NotFound NotFound(string id) => new Error.NotFound($"No {Kind} with id '{id}' in this clinic.");

    private static string KindOf() => ((SetupItem)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(T))).Kind;

    /// <summary>Just enough of any setup item to check a reference to it.</summary>
    private sealed record SetupReference(string Kind, bool Deleted);
}

/// <summary>Side rules of one kind of item (staff sign-in links, say): a check before saving and work after.</summary>
public interface ISetupItemHook<in T>
    where T : SetupItem
{
    Task<Error?> CheckAsync(Caller caller, T item, CancellationToken ct);

    Task AfterSaveAsync(Caller caller, T? before, T saved, CancellationToken ct);
}
