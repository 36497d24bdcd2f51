using MedSpa.Core.Files;

namespace MedSpa.Infrastructure.Files;

/// <summary>The embedded default file store: a folder per tenant under the data folder, content type in a side file.</summary>
public sealed class LocalFolderFileStore(string root) : IFileStore
{
    public string Kind => "local-folder";

    public async Task PutAsync(string tenantId, string path, Stream content, string contentType, CancellationToken ct = default)
    {
        var file = Resolve(tenantId, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".uploading";
        await using (var target = File.Create(temp))
        {
            await content.CopyToAsync(target, ct);
        }

        await File.WriteAllTextAsync(file + ".type", contentType, ct);
        File.Move(temp, file, overwrite: true);
    }

    public Task<(Stream Content, string ContentType)?> GetAsync(string tenantId, string path, CancellationToken ct = default)
    {
        var file = Resolve(tenantId, path);
        if (!File.Exists(file))
        {
            return Task.FromResult<(Stream, string)?>(null);
        }

        var type = File.Exists(file + ".type") ? File.ReadAllText(file + ".type") : "application/octet-stream";
        return Task.FromResult<(Stream, string)?>((File.OpenRead(file), type));
    }

    /// <summary>A folder on this machine has no links of its own: the API serves its files, after checking who asks.</summary>
    public Task<Uri?> ReadLinkAsync(string tenantId, string path, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        Resolve(tenantId, path); // the same refusal of a path outside the clinic as every other call
        return Task.FromResult<Uri?>(null);
    }

    public Task<bool> DeleteAsync(string tenantId, string path, CancellationToken ct = default)
    {
        var file = Resolve(tenantId, path);
        var existed = File.Exists(file);
        if (existed)
        {
            // File.Delete throws when the folder is missing (a patient with no files yet): only delete what is there.
            File.Delete(file);
            File.Delete(file + ".type");
        }

        return Task.FromResult(existed);
    }

    /// <summary>Refuses paths that would climb out of the tenant's folder.</summary>
    private string Resolve(string tenantId, string path)
    {
        var tenantRoot = Path.GetFullPath(Path.Combine(root, tenantId));
        var full = Path.GetFullPath(Path.Combine(tenantRoot, path));
        return full.StartsWith(tenantRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !tenantId.Contains("..", StringComparison.Ordinal)
            ? full
            : throw new ArgumentException("The path leaves the tenant's folder.", nameof(path));
    }
}
