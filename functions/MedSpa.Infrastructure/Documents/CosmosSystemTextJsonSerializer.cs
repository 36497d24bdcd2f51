using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace MedSpa.Infrastructure.Documents;

/// <summary>
/// Makes the Cosmos SDK use System.Text.Json with <see cref="DocumentJson.Options"/> wherever it serializes user data
/// (query parameter values included), so Newtonsoft never reshapes a document or a filter value.
/// </summary>
public sealed class CosmosSystemTextJsonSerializer(JsonSerializerOptions options) : CosmosSerializer
{
    public override T FromStream<T>(Stream stream)
    {
        if (typeof(Stream).IsAssignableFrom(typeof(T)))
        {
            return (T)(object)stream;
        }

        using (stream)
        {
            return stream.CanSeek && stream.Length == 0 ? default! : JsonSerializer.Deserialize<T>(stream, options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, input, input?.GetType() ?? typeof(T), options);
        stream.Position = 0;
        return stream;
    }
}
