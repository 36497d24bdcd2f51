using MedSpa.Infrastructure.Files;

namespace MedSpa.Infrastructure.Tests.Files;

/// <summary>The embedded file store: what is put comes back with its type, deletes say whether there was anything, and no path leaves its clinic.</summary>
public sealed class LocalFolderFileStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"medspa-files-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_file_comes_back_with_its_type_and_a_delete_says_whether_it_was_there_even_where_no_folder_exists_yet()
    {
        var store = new LocalFolderFileStore(_root);

        (await store.DeleteAsync("clinic-a", "patients/p1/photo-1")).ShouldBeFalse();
        await store.PutAsync("clinic-a", "patients/p1/photo-1", new MemoryStream([1, 2, 3]), "image/png");
        var read = await store.GetAsync("clinic-a", "patients/p1/photo-1");

        read.ShouldNotBeNull();
        read.Value.ContentType.ShouldBe("image/png");
        await using (var content = read.Value.Content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            copy.ToArray().ShouldBe(new byte[] { 1, 2, 3 });
        }

        (await store.GetAsync("clinic-b", "patients/p1/photo-1")).ShouldBeNull();
        (await store.DeleteAsync("clinic-a", "patients/p1/photo-1")).ShouldBeTrue();
        (await store.GetAsync("clinic-a", "patients/p1/photo-1")).ShouldBeNull();
        await Should.ThrowAsync<ArgumentException>(() => store.GetAsync("clinic-a", "../clinic-b/patients/p1/photo-1"));
    }
}
