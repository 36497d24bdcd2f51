using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Hosting;

/// <summary>
/// A [Function] method found in the app's assembly: its trigger and input bindings, described with the names the
/// Functions SDK writes into functions.metadata ("httpTrigger", "durableClient"...), so the two can be compared.
/// </summary>
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
        TriggerParameter = method.GetParameters().First(p => p.GetCustomAttribute<TriggerBindingAttribute>() is not null).Name!;
        // As the worker describes a function: the trigger and every input binding ([DurableClient]...), by parameter name.
        // The middleware finds HTTP functions by their "httpTrigger" input binding, so the trigger must be here.
        InputBindings = method.GetParameters()
            .Where(p => p.GetCustomAttribute<BindingAttribute>() is TriggerBindingAttribute or InputBindingAttribute)
            .ToImmutableDictionary(p => p.Name!, p => (BindingMetadata)new LocalBindingMetadata(p.Name!, BindingTypeOf(p.GetCustomAttribute<BindingAttribute>()!), BindingDirection.In));
        OutputBindings = ImmutableDictionary<string, BindingMetadata>.Empty;
        Parameters = ParametersOf(method);
    }

    public MethodInfo Method { get; }

    public TriggerBindingAttribute Trigger { get; }

    /// <summary>The name of the parameter the trigger binds to (its binding data goes under this name).</summary>
    public string TriggerParameter { get; }

    /// <summary>The trigger's binding type as functions.metadata writes it ("httpTrigger", "timerTrigger"...).</summary>
    public string TriggerType => BindingTypeOf(Trigger);

    /// <summary>For an HTTP trigger: its route below the route prefix (the function's name when it declares none).</summary>
    public string? HttpRoute => Trigger is HttpTriggerAttribute http ? (http.Route ?? Name).Trim('/') : null;

    /// <summary>For an HTTP trigger: the methods it answers, upper case (all of them when it declares none).</summary>
    public IReadOnlyList<string> HttpMethods => Trigger is HttpTriggerAttribute { Methods: { Length: > 0 } methods }
        ? [.. methods.Select(m => m.ToUpperInvariant())]
        : Trigger is HttpTriggerAttribute ? ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"] : [];

    public override ImmutableArray<FunctionParameter> Parameters { get; }

    public override string PathToAssembly { get; }

    public override string EntryPoint { get; }

    public override string Id { get; }

    public override string Name { get; }

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }

    /// <summary>A method's parameters as the worker describes them (name, type, default value).</summary>
    internal static ImmutableArray<FunctionParameter> ParametersOf(MethodInfo method) =>
        [.. method.GetParameters().Select(p => new FunctionParameter(p.Name!, p.ParameterType, p.HasDefaultValue, p.HasDefaultValue ? p.DefaultValue : null))];

    /// <summary>Binding type names as the Functions SDK writes them: the attribute's name, camel-cased, without "Attribute".</summary>
    internal static string BindingTypeOf(BindingAttribute binding)
    {
        var name = binding.GetType().Name.Replace("Attribute", string.Empty, StringComparison.Ordinal);
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
    /// <summary>The triggers LocalHost runs: HTTP (Kestrel), timers (NCRONTAB) and durable functions (its own engine).</summary>
    public static readonly IReadOnlySet<string> RunnableTriggers = new HashSet<string>(StringComparer.Ordinal)
    {
        "httpTrigger", "timerTrigger", "orchestrationTrigger", "activityTrigger",
    };

    /// <summary>The input bindings LocalHost provides ([DurableClient] gets the local engine's client).</summary>
    public static readonly IReadOnlySet<string> ProvidedInputBindings = new HashSet<string>(StringComparer.Ordinal) { "durableClient" };

    /// <summary>Every function of the assembly. A trigger or input binding LocalHost cannot run is refused at start.</summary>
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
                var descriptor = new FunctionDescriptor(function.Name, method, trigger, assembly.Location);
                var unsupported = descriptor.InputBindings.Values.Select(b => b.Type)
                    .Where(t => t != descriptor.TriggerType ? !ProvidedInputBindings.Contains(t) : !RunnableTriggers.Contains(t))
                    .ToList();
                if (unsupported.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"Function '{function.Name}' uses {string.Join(", ", unsupported)}, which MedSpa.LocalHost cannot run yet. Teach LocalHost first (Hosting/FunctionCatalog.cs).");
                }

                functions.Add(descriptor);
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? functions : throw new InvalidOperationException($"Two functions are named '{duplicate.Key}'.");
    }
}
