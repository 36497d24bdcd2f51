using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace MedSpa.Durable.Conformance.Tests;

/// <summary>A fake activity: gets the input as JSON and the attempt number (1, 2...), returns the output or throws.</summary>
public delegate object? FakeActivity(JsonElement? input, int attempt);

/// <summary>An event the test raises once <see cref="When"/> holds (polled while the orchestration runs).</summary>
public sealed record PlannedEvent(string Name, object? Payload, Func<RunProgress, bool> When);

/// <summary>What the event planner sees of a running orchestration.</summary>
public sealed record RunProgress(string? CustomStatus, IReadOnlyList<ActivityCall> Calls);

/// <summary>One activity attempt as the fake saw it: name and input in canonical JSON.</summary>
public sealed record ActivityCall(string Name, string? Input)
{
    public override string ToString() => $"{Name}({Input})";
}

/// <summary>
/// One orchestration run, the same on both engines: the orchestrator, its input (made at run time, so times are
/// fresh), fake activities, events to raise, and what the outcome must be.
/// </summary>
public sealed record Scenario(
    string Name,
    string Orchestrator,
    Func<object?> Input,
    IReadOnlyDictionary<string, FakeActivity> Activities,
    OrchestrationRuntimeStatus ExpectedStatus,
    string? ExpectedOutput = null,
    string? ExpectedCustomStatus = null)
{
    public IReadOnlyList<PlannedEvent> Events { get; init; } = [];

    /// <summary>For fan-out: activities run in parallel, so only which calls happened is compared, not their order.</summary>
    public bool CallsInAnyOrder { get; init; }

    public override string ToString() => Name;
}

/// <summary>What an engine did with a scenario, in a form that compares across engines.</summary>
public sealed record EngineRun(
    OrchestrationRuntimeStatus Status,
    string? Output,
    string? CustomStatus,
    string? FailureType,
    IReadOnlyList<ActivityCall> Calls)
{
    public override string ToString() =>
        $"status={Status} output={Output ?? "-"} customStatus={CustomStatus ?? "-"} failure={FailureType ?? "-"}\n    calls: {string.Join("\n           ", Calls)}";
}

/// <summary>Records every activity attempt of one run and answers it with the scenario's fake.</summary>
public sealed class ActivityRecorder(IReadOnlyDictionary<string, FakeActivity> fakes)
{
    /// <summary>When the run began: instants in inputs are recorded relative to it (see <see cref="CanonicalJson"/>).</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    private readonly ConcurrentQueue<ActivityCall> _calls = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public IReadOnlyList<ActivityCall> Calls => [.. _calls];

    public object? Call(string name, JsonElement? input)
    {
        _calls.Enqueue(new ActivityCall(name, CanonicalJson.Of(input, StartedAt)));
        var attempt = _attempts.AddOrUpdate(name, 1, (_, n) => n + 1);
        return fakes[name](input, attempt);
    }
}

/// <summary>
/// JSON in one form for comparison: property names lower-cased and sorted (the real engine writes PascalCase, ours
/// camelCase; both read their own back), numbers and strings as written. Instants computed from the orchestration's
/// clock differ between two runs, so with a run's start they are written as "start+N s", to the nearest 10 seconds.
/// Only instants within a week of the run, never plain dates; a scenario's fixed instants lie years from any run, for a
/// fixed one made relative would differ by the two runs' starts (a date within a week of the day the tests ran once did).
/// </summary>
public static class CanonicalJson
{
    public static string? Of(JsonElement? element, DateTimeOffset? runStart = null) =>
        element is { ValueKind: not JsonValueKind.Undefined } e ? Write(e, runStart) : null;

    public static string? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Write(document.RootElement, null);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    public static string Of(object? value) => Parse(JsonSerializer.Serialize(value))!;

    private static string Write(JsonElement element, DateTimeOffset? runStart) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject()
            .Select(p => (Name: p.Name.ToLowerInvariant(), Value: Write(p.Value, runStart)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"\"{p.Name}\":{p.Value}")) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(e => Write(e, runStart))) + "]",
        JsonValueKind.String when runStart is { } start && element.GetString()!.Contains('T') && element.TryGetDateTimeOffset(out var instant)
            && Math.Abs((instant - start).TotalDays) < 7 =>
            $"\"start+{Math.Round((instant - start).TotalSeconds / 10) * 10} s\"",
        JsonValueKind.String => JsonSerializer.Serialize(element.GetString()),
        _ => element.GetRawText(),
    };
}
