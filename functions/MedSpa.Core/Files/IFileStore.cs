namespace MedSpa.Core.Files;

/// <summary>Binary files (photos, signed consents, exports), addressed by tenant-scoped path. Blob storage in Azure.</summary>
public interface IFileStore
{
    string Kind { get; }

    Task PutAsync(string tenantId, string path, Stream content, string contentType, CancellationToken ct = default);

    /// <returns>The content and its type, or null when absent.</returns>
    Task<(Stream Content, string ContentType)?> GetAsync(string tenantId, string path, CancellationToken ct = default);

    Task<bool> DeleteAsync(string tenantId, string path, CancellationToken ct = default);
}
