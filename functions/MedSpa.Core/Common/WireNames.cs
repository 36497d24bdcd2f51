using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedSpa.Core.Common;

/// <summary>
/// The one way an enum is named on the wire: a member's [JsonStringEnumMemberName] when it has one ("no-show",
/// "walk-in", "frontdesk"), otherwise its camelCase name, exactly as the JSON options write it. Use this wherever a
/// wire name appears in text (messages, allowed actions) or is parsed from text (query strings, request fields).
/// </summary>
public static class WireNames
{
    private static readonly ConcurrentDictionary<(Type, string), string> Names = new();

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Names.GetOrAdd((typeof(TEnum), value.ToString()), key =>
            key.Item1.GetField(key.Item2)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? JsonNamingPolicy.CamelCase.ConvertName(key.Item2));

    /// <summary>The member whose wire name is <paramref name="wire"/> (exactly), or null.</summary>
    public static TEnum? Parse<TEnum>(string? wire)
        where TEnum : struct, Enum =>
        wire is null ? null : Enum.GetValues<TEnum>().Where(v => Of(v) == wire).Cast<TEnum?>().FirstOrDefault();
}
