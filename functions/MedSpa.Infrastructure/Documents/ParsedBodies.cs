using System.Collections.Concurrent;

namespace MedSpa.Infrastructure.Documents;

/// <summary>
/// Document bodies already parsed, by document and version. Parsing JSON is most of what reading costs once the rows
/// are found (a week's availability reads ~20 ledgers a day, mostly unchanged since the last request), and a stored
/// version never changes: an ETag is new with every write. Only records are kept (immutable by the house's rules), so
/// one parsed copy serves every reader; a domain class that changes itself (an appointment checking in) is parsed
/// afresh for each reader, or a change refused halfway would be seen by the next request. Bounded: past <see cref="Capacity"/> entries it starts again empty rather than track what is oldest.
/// </summary>
internal sealed class ParsedBodies
{
    public const int Capacity = 20_000;

    private static readonly ConcurrentDictionary<Type, bool> Shareable = new();

    private readonly ConcurrentDictionary<(string Container, string PartitionKey, string Id), (string ETag, object Body)> _bodies = new();

    /// <summary>Records (they have the compiler's clone method) are shared; classes, and mutable JSON trees, never are.</summary>
    public static bool IsShareable(Type type) => Shareable.GetOrAdd(type, t => t.GetMethod("<Clone>$") is not null);

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
        if (body is not null && IsShareable(body.GetType()))
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
