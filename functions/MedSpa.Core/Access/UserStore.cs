namespace MedSpa.Core.Access;

/// <summary>Links sign-ins to clinics and roles. One document per email, in its own partition: one point read per request.</summary>
public sealed class UserStore(IDocumentStore store)
{
    public async Task<DirectoryEntry?> FindAsync(string email, CancellationToken ct = default)
    {
        var key = DirectoryEntry.Normalize(email);
        return (await store.ReadAsync<DirectoryEntry>(Partitions.Directory, key, key, ct))?.Body;
    }

    /// <summary>Adds or moves a link (used by staff setup and seeding). Last writer wins: links are owned by their clinic's admins.</summary>
    public async Task LinkAsync(DirectoryEntry entry, CancellationToken ct = default)
    {
        var key = DirectoryEntry.Normalize(entry.Email);
        entry = entry with { Email = key };
        var existing = await store.ReadAsync<DirectoryEntry>(Partitions.Directory, key, key, ct);
        if (existing is null)
        {
            await store.CreateAsync(Partitions.Directory, key, key, entry, ct);
        }
        else if (existing.Body != entry)
        {
            await store.ReplaceAsync(Partitions.Directory, key, key, entry, existing.ETag, ct);
        }
    }

    /// <summary>Removes a link only if it still points at this clinic, so one clinic cannot unlink another's user.</summary>
    public async Task UnlinkAsync(string email, string tenantId, CancellationToken ct = default)
    {
        var key = DirectoryEntry.Normalize(email);
        var existing = await store.ReadAsync<DirectoryEntry>(Partitions.Directory, key, key, ct);
        if (existing is not null && existing.Body.TenantId == tenantId)
        {
            await store.DeleteAsync(Partitions.Directory, key, key, existing.ETag, ct);
        }
    }
}
