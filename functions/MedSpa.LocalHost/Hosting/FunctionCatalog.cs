using System.Collections.Immutable;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace MedSpa.LocalHost.Hosting;

/// <summary>A [Function] method found in the app's assembly, with the trigger that starts it.</summary>
public sealed class FunctionDescriptor : FunctionDefinition
{
    public FunctionDescriptor(string name, MethodInfo method, TriggerBindingAttribute trigger, string pathToAssembly)
    {
        Name = name;
        Method = method;
        Trigger = trigger;
        PathToAssembly = pathToAssembly;
        EntryPoint = $"{method.DeclaringType!.FullName}.{method.Name}";
        Id = name;
        var triggerParameter = method.GetParameters().First(p => p.GetCustomAttribute<TriggerBindingAttribute>() is not null);
        InputBindings = ImmutableDictionary<string, BindingMetadata>.Empty
            .Add(triggerParameter.Name!, new LocalBindingMetadata(triggerParameter.Name!, BindingTypeOf(trigger), BindingDirection.In));
        OutputBindings = ImmutableDictionary<string, BindingMetadata>.Empty;
        Parameters = ParametersOf(method);
    }

    /// <summary>A method's parameters as the worker describes them (name, type, default value).</summary>
    internal static ImmutableArray<FunctionParameter> ParametersOf(MethodInfo method) =>
        [.. method.GetParameters().Select(p => new FunctionParameter(p.Name!, p.ParameterType, p.HasDefaultValue, p.HasDefaultValue ? p.DefaultValue : null))];

    public MethodInfo Method { get; }

    public TriggerBindingAttribute Trigger { get; }

    public override ImmutableArray<FunctionParameter> Parameters { get; }

    public override string PathToAssembly { get; }

    public override string EntryPoint { get; }

    public override string Id { get; }

    public override string Name { get; }

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }

    /// <summary>Binding type names as the Functions host writes them in function.json ("httpTrigger", "timerTrigger", ...).</summary>
    private static string BindingTypeOf(TriggerBindingAttribute trigger)
    {
        var name = trigger.GetType().Name.Replace("Attribute", string.Empty, StringComparison.Ordinal);
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}

internal sealed class LocalBindingMetadata(string name, string type, BindingDirection direction) : BindingMetadata
{
    public override string Name { get; } = name;

    public override string Type { get; } = type;

    public override BindingDirection Direction { get; } = direction;
}

/// <summary>Finds every function in an assembly, as the Functions SDK's source generator does at build time.</summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<TriggerBindingAttribute>()).SingleOrDefault(a => a is not null)
                    ?? throw new InvalidOperationException($"Function '{function.Name}' ({type.Name}.{method.Name}) has no trigger parameter.");
                functions.Add(new FunctionDescriptor(function.Name, method, trigger, assembly.Location));
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? functions : throw new InvalidOperationException($"Two functions are named '{duplicate.Key}'.");
    }
}
