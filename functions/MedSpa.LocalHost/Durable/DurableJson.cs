using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;

namespace MedSpa.LocalHost.Durable;

/// <summary>
/// The one place payloads are (de)serialized: System.Text.Json with web defaults (camelCase, case-insensitive reads),
/// so inputs, outputs, event payloads and custom status look the same in SQLite as they would over HTTP.
/// </summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>History rows skip nulls to stay small.</summary>
    internal static JsonSerializerOptions HistoryOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static DataConverter Converter { get; } = new WebJsonDataConverter();

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static T? Deserialize<T>(string? data) => data is null ? default : JsonSerializer.Deserialize<T>(data, Options);

    public static object? Deserialize(string? data, Type type) => data is null ? null : JsonSerializer.Deserialize(data, type, Options);

    sealed class WebJsonDataConverter : DataConverter
    {
        public override string? Serialize(object? value) => DurableJson.Serialize(value);

        public override object? Deserialize(string? data, Type targetType) => DurableJson.Deserialize(data, targetType);
    }
}
