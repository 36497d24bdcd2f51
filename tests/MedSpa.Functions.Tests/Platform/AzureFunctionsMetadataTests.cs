using System.Text.Json;
using MedSpa.LocalHost.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.Functions.Tests.Platform;

/// <summary>
/// What Azure would index is what LocalHost runs: the functions.metadata that the Functions SDK generates in the Azure
/// build (tests/run-all.sh builds it first) lists the same functions, with the same trigger types, routes, methods,
/// schedules and durable bindings, as LocalHost's catalog.
/// </summary>
public sealed class AzureFunctionsMetadataTests
{
    private static readonly IReadOnlyList<FunctionDescriptor> LocalCatalog = FunctionCatalog.Discover(typeof(MedSpaApp).Assembly);

    private static readonly Lazy<IReadOnlyList<FunctionShape>> Indexed = new(() => ReadMetadata(FindMetadataFile()));

    [Fact]
    public void Azure_and_LocalHost_know_the_same_functions()
    {
        var local = LocalCatalog.Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        var azure = Indexed.Value.Select(f => f.Name).Order(StringComparer.Ordinal).ToList();

        azure.Except(local).ShouldBeEmpty("Azure indexes these but LocalHost does not run them");
        local.Except(azure).ShouldBeEmpty("LocalHost runs these but Azure would not index them");
        local.Count.ShouldBeGreaterThan(60);
    }

    [Fact]
    public void Every_function_has_the_same_entry_point_trigger_and_bindings_on_both()
    {
        var azure = Indexed.Value.ToDictionary(f => f.Name);
        var mismatches = LocalCatalog
            .Where(f => azure.ContainsKey(f.Name))
            .Select(f => (Local: ShapeOf(f), Azure: azure[f.Name]))
            .Where(pair => pair.Local != pair.Azure)
            .Select(pair => $"{pair.Local.Name}:\n  LocalHost {pair.Local}\n  Azure     {pair.Azure}")
            .ToList();

        mismatches.ShouldBeEmpty(string.Join('\n', mismatches));
    }

    [Fact]
    public void The_comparison_sees_http_timer_and_durable_functions()
    {
        var triggers = Indexed.Value.Select(f => f.Trigger).ToHashSet();

        triggers.ShouldBe(["httpTrigger", "timerTrigger", "orchestrationTrigger", "activityTrigger"], ignoreOrder: true);
        Indexed.Value.ShouldContain(f => f.InputBindings.Contains("durableClient"));
        Indexed.Value.ShouldContain(f => f.Trigger == "httpTrigger" && f.Route!.Contains('{'));
    }

    /// <summary>A function as both sides describe it; records compare by value, lists as sorted strings.</summary>
    private sealed record FunctionShape(string Name, string EntryPoint, string Trigger, string? Route, string Methods, string? Schedule, string InputBindings)
    {
        public override string ToString() =>
            $"{EntryPoint} {Trigger} route={Route ?? "-"} methods={Methods} schedule={Schedule ?? "-"} inputs={InputBindings}";
    }

    private static FunctionShape ShapeOf(FunctionDescriptor f) => new(
        f.Name,
        f.EntryPoint,
        f.TriggerType,
        f.HttpRoute,
        Sorted(f.HttpMethods),
        (f.Trigger as TimerTriggerAttribute)?.Schedule,
        Sorted(f.InputBindings.Values.Select(b => b.Type)));

    private static string Sorted(IEnumerable<string> values) => string.Join(',', values.Order(StringComparer.Ordinal));

    private static IReadOnlyList<FunctionShape> ReadMetadata(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(function =>
        {
            var bindings = function.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = bindings.Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var type = trigger.GetProperty("type").GetString()!;
            var methods = type == "httpTrigger"
                ? trigger.TryGetProperty("methods", out var m) && m.GetArrayLength() > 0
                    ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant())
                    : ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
                : [];
            return new FunctionShape(
                function.GetProperty("name").GetString()!,
                function.GetProperty("entryPoint").GetString()!,
                type,
                type == "httpTrigger" ? (Text(trigger, "route") ?? function.GetProperty("name").GetString()!).Trim('/') : null,
                Sorted(methods),
                Text(trigger, "schedule"),
                Sorted(bindings.Where(b => Text(b, "direction") == "In").Select(b => b.GetProperty("type").GetString()!)));
        }).ToList();
    }

    /// <summary>The Azure build's output (dotnet build functions/MedSpa.Functions -p:AzureFunctions=true).</summary>
    private static string FindMetadataFile()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Directory.Packages.props")))
        {
            root = root.Parent;
        }

        var output = Path.Combine(root?.FullName ?? ".", "artifacts", "azure", "bin", "MedSpa.Functions");
        var file = Directory.Exists(output)
            ? Directory.EnumerateFiles(output, "functions.metadata", SearchOption.AllDirectories).MaxBy(File.GetLastWriteTimeUtc)
            : null;
        return file ?? throw new FileNotFoundException(
            $"No functions.metadata under {output}. Build the Azure variant first: dotnet build functions/MedSpa.Functions -p:AzureFunctions=true");
    }
}
