using System.Net;
using MedSpa.Core.Files;
using MedSpa.Infrastructure.Files;

namespace MedSpa.Infrastructure.Tests.Files;

/// <summary>
/// What every file store does, whichever holds the files: what is put comes back with its type, a second put replaces
/// it, a delete says whether there was anything, one clinic never reads another's, and no path leaves its clinic.
/// </summary>
public abstract class FileStoreContractTests
{
    protected abstract IFileStore Store { get; }

    private static async Task<byte[]> ReadAllAsync(Stream content)
    {
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task A_file_comes_back_with_its_type_and_a_delete_says_whether_it_was_there()
    {
        var path = $"patients/p-{Guid.NewGuid():N}/photo-1";

        (await Store.DeleteAsync("clinic-a", path)).ShouldBeFalse();
        await Store.PutAsync("clinic-a", path, new MemoryStream([1, 2, 3]), "image/png");
        var read = await Store.GetAsync("clinic-a", path);

        read.ShouldNotBeNull();
        read.Value.ContentType.ShouldBe("image/png");
        (await ReadAllAsync(read.Value.Content)).ShouldBe(new byte[] { 1, 2, 3 });
        (await Store.GetAsync("clinic-b", path)).ShouldBeNull();
        (await Store.DeleteAsync("clinic-a", path)).ShouldBeTrue();
        (await Store.GetAsync("clinic-a", path)).ShouldBeNull();
        (await Store.DeleteAsync("clinic-a", path)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_put_replaces_the_file_and_its_type()
    {
        var path = $"patients/p-{Guid.NewGuid():N}/photo-1";

        await Store.PutAsync("clinic-a", path, new MemoryStream([1, 2, 3]), "image/png");
        await Store.PutAsync("clinic-a", path, new MemoryStream([9, 9]), "image/jpeg");
        var read = await Store.GetAsync("clinic-a", path);

        read!.Value.ContentType.ShouldBe("image/jpeg");
        (await ReadAllAsync(read.Value.Content)).ShouldBe(new byte[] { 9, 9 });
    }

    [Theory]
    [InlineData("clinic-a", "../clinic-b/patients/p1/photo-1")]
    [InlineData("clinic-a", "patients/../../clinic-b/photo")]
    [InlineData("..", "clinic-b/patients/p1/photo-1")]
    public async Task No_path_leaves_its_clinic(string tenantId, string path)
    {
        await Should.ThrowAsync<ArgumentException>(() => Store.GetAsync(tenantId, path));
        await Should.ThrowAsync<ArgumentException>(() => Store.PutAsync(tenantId, path, new MemoryStream([1]), "image/png"));
        await Should.ThrowAsync<ArgumentException>(() => Store.DeleteAsync(tenantId, path));
        await Should.ThrowAsync<ArgumentException>(() => Store.ReadLinkAsync(tenantId, path, DateTimeOffset.UtcNow.AddMinutes(1)));
    }
}

/// <summary>The embedded store, a folder per clinic (the documented fallback when no blob store is configured).</summary>
public sealed class LocalFolderFileStoreTests : FileStoreContractTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"medspa-files-{Guid.NewGuid():N}");

    protected override IFileStore Store => new LocalFolderFileStore(_root);

    [Fact]
    public async Task A_folder_mints_no_links_so_the_api_serves_its_files() =>
        (await Store.ReadLinkAsync("clinic-a", "photos/p1/photo-1.jpg", DateTimeOffset.UtcNow.AddMinutes(10))).ShouldBeNull();

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>Azure Blob Storage through the real SDK, against Azurite; its container is private.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobFileStoreTests(AzuriteFixture azurite) : FileStoreContractTests
{
    private readonly BlobFileStore _store = new(new BlobFileStoreOptions { ConnectionString = azurite.ConnectionString, Container = $"files-{Guid.NewGuid():N}"[..30] });

    protected override IFileStore Store => _store;

    [Fact]
    public async Task The_container_is_private_a_file_cannot_be_read_without_the_account()
    {
        await _store.PutAsync("clinic-a", "patients/p1/photo-1", new MemoryStream([1, 2, 3]), "image/png");
        var endpoint = azurite.ConnectionString.Split(';').Single(p => p.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..];
        var container = new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, _store.ContainerName, BlobFileStore.ClientOptions());

        using var anonymous = new HttpClient();
        var response = await anonymous.GetAsync($"{endpoint}/{_store.ContainerName}/clinic-a/patients/p1/photo-1");
        var access = (await container.GetAccessPolicyAsync()).Value.BlobPublicAccess;

        ((int)response.StatusCode).ShouldBeOneOf(403, 404);
        access.ShouldBe(Azure.Storage.Blobs.Models.PublicAccessType.None);
    }

    [Fact]
    public async Task A_read_link_reads_that_one_file_until_it_expires_and_writes_nothing()
    {
        await _store.PutAsync("clinic-a", "photos/p1/photo-1.jpg", new MemoryStream([1, 2, 3]), "image/jpeg");
        await _store.PutAsync("clinic-b", "photos/p9/photo-9.jpg", new MemoryStream([9, 9, 9]), "image/jpeg");
        using var anyone = new HttpClient();

        var link = (await _store.ReadLinkAsync("clinic-a", "photos/p1/photo-1.jpg", DateTimeOffset.UtcNow.AddMinutes(10)))!;
        var read = await anyone.GetAsync(link);
        var otherClinic = await anyone.GetAsync(link.AbsoluteUri.Replace("clinic-a/photos/p1/photo-1.jpg", "clinic-b/photos/p9/photo-9.jpg", StringComparison.Ordinal));
        var write = await anyone.PutAsync(link, new ByteArrayContent([6, 6, 6]) { Headers = { { "x-ms-blob-type", "BlockBlob" } } });
        var shortLived = (await _store.ReadLinkAsync("clinic-a", "photos/p1/photo-1.jpg", DateTimeOffset.UtcNow.AddSeconds(1)))!;
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var expired = await anyone.GetAsync(shortLived);
        var stored = await _store.GetAsync("clinic-a", "photos/p1/photo-1.jpg");

        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        (await read.Content.ReadAsByteArrayAsync()).ShouldBe([1, 2, 3]);
        read.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        link.Query.ShouldContain("sp=r");
        otherClinic.StatusCode.ShouldBe(HttpStatusCode.Forbidden); // the signature names one blob
        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var kept = new MemoryStream();
        await stored!.Value.Content.CopyToAsync(kept);
        kept.ToArray().ShouldBe([1, 2, 3]);
    }
}
