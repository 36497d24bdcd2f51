using MedSpa.Core.Common;
using MedSpa.Infrastructure.Documents;

namespace MedSpa.Infrastructure.Tests.Documents;

public sealed class SqliteDocumentStoreTests : DocumentStoreContract, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"medspa-contract-{Guid.NewGuid():N}.db");

    public SqliteDocumentStoreTests() => Store = new SqliteDocumentStore(_path);

    protected override IDocumentStore Store { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
