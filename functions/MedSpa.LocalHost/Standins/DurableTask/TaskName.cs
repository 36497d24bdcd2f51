// Stand-in for Microsoft.DurableTask.TaskName (Microsoft.DurableTask.Abstractions), see ARCHITECTURE.md
// "Running without Azure". Equality is case-insensitive and null/empty converts to default, as upstream (D.11).
namespace Microsoft.DurableTask;

public readonly struct TaskName : IEquatable<TaskName>
{
    public TaskName(string name)
    {
#pragma warning disable 0618
        // A null name yields the default struct, like upstream; the obsolete Version is always empty otherwise.
        Name = name!;
        Version = name is null ? null! : string.Empty;
#pragma warning restore 0618
    }

    public string Name { get; }

    [Obsolete("Refer to TaskVersion instead.")]
    public string Version { get; }

    public static implicit operator string(TaskName value) => value.Name;

    public static implicit operator TaskName(string value) => string.IsNullOrEmpty(value) ? default : new TaskName(value);

    public static bool operator ==(TaskName a, TaskName b) => a.Equals(b);

    public static bool operator !=(TaskName a, TaskName b) => !a.Equals(b);

    public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is TaskName other && Equals(other);

    public override int GetHashCode() => Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    public override string ToString() => Name;
}
