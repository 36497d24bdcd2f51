// Stand-in for Microsoft.DurableTask.DataConverter (Microsoft.DurableTask.Abstractions).
using System.Diagnostics.CodeAnalysis;

namespace Microsoft.DurableTask;

public abstract class DataConverter
{
    [return: NotNullIfNotNull("value")]
    public abstract string? Serialize(object? value);

    [return: NotNullIfNotNull("data")]
    public abstract object? Deserialize(string? data, Type targetType);

    [return: NotNullIfNotNull("data")]
    public virtual T? Deserialize<T>(string? data) => (T?)(Deserialize(data, typeof(T)) ?? default(T));
}
