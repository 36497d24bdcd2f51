using Microsoft.DurableTask;
using Microsoft.Azure.Functions.Worker;
namespace MedSpa.LocalHost.Durable.Registry;

/// <summary>An orchestrator as the engine calls it: the context and a scoped service provider in, the output out.</summary>
public delegate Task<object?> OrchestratorFunction(TaskOrchestrationContext context, IServiceProvider services);

/// <summary>An activity as the engine calls it.</summary>
public delegate Task<object?> ActivityFunction(ActivityInvocation invocation);

/// <summary>Everything an activity invocation can bind to: its serialized input, context, services and cancellation.</summary>
public sealed record ActivityInvocation(TaskActivityContext Context, string? SerializedInput, IServiceProvider Services, CancellationToken CancellationToken);

/// <summary>
/// Orchestrators and activities by function name (case-insensitive, like TaskName). Filled from the app assembly's
/// <c>[Function]</c> methods (<see cref="AddFunctionsFrom"/>) or, in tests, from lambdas.
/// </summary>
public sealed class DurableFunctionRegistry
{
    readonly Dictionary<string, OrchestratorFunction> orchestrators = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, ActivityFunction> activities = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> OrchestratorNames => orchestrators.Keys;

    public IReadOnlyCollection<string> ActivityNames => activities.Keys;

    public DurableFunctionRegistry AddOrchestrator(string name, OrchestratorFunction orchestrator)
    {
        orchestrators[name] = orchestrator;
        return this;
    }

    public DurableFunctionRegistry AddOrchestrator<TOutput>(string name, Func<TaskOrchestrationContext, Task<TOutput>> orchestrator) =>
        AddOrchestrator(name, async (context, _) => await orchestrator(context));

    public DurableFunctionRegistry AddOrchestrator(string name, Func<TaskOrchestrationContext, Task> orchestrator) =>
        AddOrchestrator(name, async (context, _) =>
        {
            await orchestrator(context);
            return null;
        });

    public DurableFunctionRegistry AddActivity(string name, ActivityFunction activity)
    {
        activities[name] = activity;
        return this;
    }

    public DurableFunctionRegistry AddActivity<TInput, TOutput>(string name, Func<TInput, TaskActivityContext, Task<TOutput>> activity) =>
        AddActivity(name, async call => await activity(DurableJson.Deserialize<TInput>(call.SerializedInput)!, call.Context));

    public DurableFunctionRegistry AddActivity<TInput, TOutput>(string name, Func<TInput, TOutput> activity) =>
        AddActivity(name, call => Task.FromResult<object?>(activity(DurableJson.Deserialize<TInput>(call.SerializedInput)!)));

    public bool TryGetOrchestrator(string name, out OrchestratorFunction orchestrator) => orchestrators.TryGetValue(name, out orchestrator!);

    public bool TryGetActivity(string name, out ActivityFunction activity) => activities.TryGetValue(name, out activity!);

    /// <summary>
    /// Registers every <c>[Function("Name")]</c> method of <paramref name="assembly"/> whose trigger parameter is
    /// <c>[OrchestrationTrigger] TaskOrchestrationContext</c> or <c>[ActivityTrigger] T</c>. Static and instance methods
    /// are both accepted; instance classes are created per invocation from the invocation's DI scope. Returns the count.
    /// </summary>
    public int AddFunctionsFrom(Assembly assembly)
    {
        int count = 0;
        foreach (Type type in SafeTypes(assembly))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                if (FunctionMethodBinder.FindTrigger<OrchestrationTriggerAttribute>(method) is not null)
                {
                    AddOrchestrator(function.Name, FunctionMethodBinder.BindOrchestrator(function.Name, method));
                    count++;
                }
                else if (FunctionMethodBinder.FindTrigger<ActivityTriggerAttribute>(method) is not null)
                {
                    AddActivity(function.Name, FunctionMethodBinder.BindActivity(function.Name, method));
                    count++;
                }
            }
        }

        return count;
    }

    static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.Where(t => t is not null)!;
        }
    }
}
