using System.Collections.Concurrent;

namespace MedSpa.Infrastructure.Documents;

/// <summary>
/// Document bodies already parsed, by document and version. Parsing JSON is most of what reading costs once the rows
/// are found (a week's availability reads ~20 ledgers a day, mostly unchanged since the last request), and a stored
/// version never changes: an ETag is new with every write. Bodies are immutable records, so one parsed copy serves
/// every reader. Bounded: past <see cref="Capacity"/> entries it starts again empty rather than track what is oldest.
/// </summary>
internal sealed class ParsedBodies
{
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<(string Container, string PartitionKey, string Id), (string ETag, object Body)> _bodies = new();

    public T Get<T>(string container, string partitionKey, string id, string etag, Func<string> json)
    {
        var key = (container, partitionKey, id);
        if (_bodies.TryGetValue(key, out var kept) && kept.ETag == etag && kept.Body is T body)
        {
            return body;
        }

        return Keep(container, partitionKey, id, etag, DocumentJson.FromStored<T>(json()));
    }

    public T Keep<T>(string container, string partitionKey, string id, string etag, T body)
    {
        // Mutable JSON trees are the caller's to change, so they are never shared.
        if (body is not null && body is not System.Text.Json.Nodes.JsonNode)
        {
            if (_bodies.Count >= Capacity)
            {
                _bodies.Clear();
            }

            _bodies[(container, partitionKey, id)] = (etag, body);
        }

        return body;
    }
}
