using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using MedSpa.Core.Files;

namespace MedSpa.Infrastructure.Files;

/// <summary>Where the blob store is: a connection string (Azurite, or an account key), or the service URI and the app's managed identity (Azure).</summary>
public sealed record BlobFileStoreOptions
{
    /// <summary>Azurite locally: <c>UseDevelopmentStorage=true</c> or its full connection string.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>In Azure: <c>https://{account}.blob.core.windows.net</c>, reached with the managed identity (no keys).</summary>
    public Uri? ServiceUri { get; init; }

    public string Container { get; init; } = "files";
}

/// <summary>
/// Files in Azure Blob Storage through the real SDK: one private container, each clinic's files under a folder named
/// after the clinic (<c>{tenant}/{path}</c>). The container is never public; files leave only through the API, which
/// checks who asks. The storage version is pinned to one both Azure and Azurite serve.
/// </summary>
public sealed class BlobFileStore : IFileStore
{
    private readonly BlobServiceClient _service;
    private readonly BlobContainerClient _container;
    private volatile bool _containerExists;
    private volatile UserDelegationKey? _delegationKey;

    public BlobFileStore(BlobFileStoreOptions options)
    {
        var clientOptions = ClientOptions();
        _service = options switch
        {
            { ConnectionString: { Length: > 0 } connection } => new BlobServiceClient(connection, clientOptions),
            { ServiceUri: { } uri } => new BlobServiceClient(uri, new DefaultAzureCredential(), clientOptions),
            _ => throw new InvalidOperationException("The blob file store needs Files:ConnectionString (Azurite) or Files:ServiceUri (Azure, managed identity)."),
        };
        _container = _service.GetBlobContainerClient(options.Container);
    }

    /// <summary>
    /// The storage version every client of ours speaks: 2025-11-05, served by Azure and by Azurite 3.36 and 3.37 (the
    /// SDK's newer default is refused by Azurite with 400 InvalidHeaderValue).
    /// </summary>
    public static BlobClientOptions ClientOptions() => new(BlobClientOptions.ServiceVersion.V2025_11_05);

    public string Kind => "azure-blob";

    /// <summary>The one container that holds every clinic's files.</summary>
    public string ContainerName => _container.Name;

    public async Task PutAsync(string tenantId, string path, Stream content, string contentType, CancellationToken ct = default)
    {
        var blob = await BlobAsync(tenantId, path);
        await blob.UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
    }

    public async Task<(Stream Content, string ContentType)?> GetAsync(string tenantId, string path, CancellationToken ct = default)
    {
        var blob = await BlobAsync(tenantId, path);
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: ct);
            return (download.Value.Content, download.Value.Details.ContentType ?? "application/octet-stream");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string tenantId, string path, CancellationToken ct = default)
    {
        var blob = await BlobAsync(tenantId, path);
        return (await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct)).Value;
    }

    /// <summary>
    /// A read-only link to one blob until <paramref name="expiresAt"/>: a service SAS signed with the account key where
    /// the client has one (Azurite, key-configured accounts), else a user-delegation SAS signed with a key the managed
    /// identity obtains from Entra ID (Azure; no account key exists there). The signature covers this blob's name only.
    /// </summary>
    public async Task<Uri?> ReadLinkAsync(string tenantId, string path, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        var blob = await BlobAsync(tenantId, path);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp, // Azurite serves http
        };
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        var key = await DelegationKeyAsync(expiresAt, ct);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, _service.AccountName) }.ToUri();
    }

    /// <summary>
    /// A user-delegation key that outlives the link: one key a day is asked for, not one per link. Two requests that
    /// find it stale at once both ask, which is harmless.
    /// </summary>
    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset until, CancellationToken ct)
    {
        if (_delegationKey is { } key && key.SignedExpiresOn >= until.AddMinutes(5))
        {
            return key;
        }

        var now = DateTimeOffset.UtcNow;
        return _delegationKey = (await _service.GetUserDelegationKeyAsync(now.AddMinutes(-5), Max(now.AddDays(1), until.AddMinutes(10)), ct)).Value;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The clinic's blob at the path; a path that would reach outside the clinic's folder is refused, as on disk.</summary>
    private async Task<BlobClient> BlobAsync(string tenantId, string path)
    {
        var segments = $"{tenantId}/{path}".Split('/');
        if (segments.Any(s => s is "" or "." or ".." || s.Contains('\\', StringComparison.Ordinal)) || tenantId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("The path leaves the tenant's folder.", nameof(path));
        }

        if (!_containerExists)
        {
            // Once per process; two first requests at once both ask, which is harmless. A failure is asked again next time.
            await _container.CreateIfNotExistsAsync(PublicAccessType.None);
            _containerExists = true;
        }

        return _container.GetBlobClient(string.Join('/', segments));
    }
}
