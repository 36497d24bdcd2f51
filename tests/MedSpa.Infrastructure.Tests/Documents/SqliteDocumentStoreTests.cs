using MedSpa.Core.Common;
using MedSpa.Infrastructure.Documents;

namespace MedSpa.Infrastructure.Tests.Documents;

public sealed class SqliteDocumentStoreTests : DocumentStoreContract, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"medspa-contract-{Guid.NewGuid():N}.db");

    public SqliteDocumentStoreTests() => Store = new SqliteDocumentStore(_path);

    protected override IDocumentStore Store { get; }

    public sealed record Sealed(string Name);

    /// <summary>A class with behaviour that changes it, as a domain entity is.</summary>
    public sealed class Changing
    {
        public string Name { get; set; } = "";
    }

    [Fact]
    public async Task A_parsed_record_is_shared_but_a_class_that_changes_itself_is_parsed_for_each_reader()
    {
        await Store.CreateAsync("scratch", "p", "a", new Sealed("kept"));
        await Store.CreateAsync("scratch", "p", "b", new Changing { Name = "stored" });

        var first = (await Store.ReadAsync<Changing>("scratch", "p", "b"))!.Body;
        first.Name = "changed in memory, then refused";
        var second = (await Store.ReadAsync<Changing>("scratch", "p", "b"))!.Body;

        second.Name.ShouldBe("stored");
        (await Store.ReadAsync<Sealed>("scratch", "p", "a"))!.Body.ShouldBeSameAs((await Store.ReadAsync<Sealed>("scratch", "p", "a"))!.Body);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
