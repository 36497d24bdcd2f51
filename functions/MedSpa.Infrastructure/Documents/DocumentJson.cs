using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MedSpa.Core.Common;

namespace MedSpa.Infrastructure.Documents;

/// <summary>The one JSON shape of stored documents, shared by every adapter so they stay interchangeable.</summary>
public static class DocumentJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    /// <summary>A query's property paths as stored: each segment in the stored naming (Address.City → address.city).</summary>
    public static DocumentQuery WithStoredNames(DocumentQuery query) => query with
    {
        OrderBy = StoredPath(query.OrderBy),
        Filters = [.. query.Filters.Select(f => f with { Path = StoredPath(f.Path) })],
    };

    private static string StoredPath(string path) => string.Join('.', path.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>Serializes a body and stamps the id and partition key the store needs on it.</summary>
    public static JsonObject ToStored<T>(T body, string id, string partitionKey)
    {
        var node = JsonSerializer.SerializeToNode(body, Options) as JsonObject
            ?? throw new ArgumentException("A document body must serialize to a JSON object.", nameof(body));
        node["id"] = id;
        node["pk"] = partitionKey;
        return node;
    }

    public static T FromStored<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    /// <summary>The continuation token is the last row's sort value and id: keyset paging, stable under inserts.</summary>
    public static string EncodeContinuation(JsonNode? lastSortValue, string lastId) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new JsonArray(lastSortValue?.DeepClone(), lastId)));

    public static (JsonNode? SortValue, string Id)? DecodeContinuation(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var array = JsonNode.Parse(Convert.FromBase64String(token))!.AsArray();
            return (array[0], array[1]!.GetValue<string>());
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or NullReferenceException or ArgumentException)
        {
            throw new InvalidContinuationTokenException();
        }
    }

    public static object? ToPlainValue(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v => v.GetValue<JsonElement>().ToString(),
        _ => node.ToJsonString(),
    };
}
