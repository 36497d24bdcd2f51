namespace MedSpa.Core.Files;

/// <summary>Binary files (photos, signed consents, exports), addressed by tenant-scoped path. Blob storage in Azure.</summary>
public interface IFileStore
{
    string Kind { get; }

    Task PutAsync(string tenantId, string path, Stream content, string contentType, CancellationToken ct = default);

    /// <returns>The content and its type, or null when absent.</returns>
    Task<(Stream Content, string ContentType)?> GetAsync(string tenantId, string path, CancellationToken ct = default);

    Task<bool> DeleteAsync(string tenantId, string path, CancellationToken ct = default);

    /// <summary>
    /// A URL that reads the file, and only it, until <paramref name="expiresAt"/>: minted only after the caller's access
    /// was checked. Null when the store cannot mint one (the local folder): the file is then served through the API.
    /// </summary>
    Task<Uri?> ReadLinkAsync(string tenantId, string path, DateTimeOffset expiresAt, CancellationToken ct = default);
}
