using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using MedSpa.LocalHost.Hosting;
using Microsoft.DurableTask;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Durable.Registry;

/// <summary>
/// Turns a <c>[Function]</c> method into an engine delegate: binds the trigger parameter, an optional FunctionContext,
/// TaskActivityContext or CancellationToken, and anything else from DI; awaits Task/ValueTask results.
/// </summary>
internal static class FunctionMethodBinder
{
    public static ParameterInfo? FindTrigger<TAttribute>(MethodInfo method)
        where TAttribute : Attribute => method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<TAttribute>() is not null);

    public static OrchestratorFunction BindOrchestrator(string functionName, MethodInfo method)
    {
        ParameterInfo trigger = FindTrigger<OrchestrationTriggerAttribute>(method)!;
        if (!typeof(TaskOrchestrationContext).IsAssignableFrom(trigger.ParameterType))
        {
            throw new InvalidOperationException($"[OrchestrationTrigger] on {method.DeclaringType}.{method.Name} must be a TaskOrchestrationContext.");
        }

        ParameterInfo[] parameters = method.GetParameters();
        return (context, services) =>
        {
            var args = new object?[parameters.Length];
            for (int i = 0; i < parameters.Length; i++)
            {
                args[i] = parameters[i].Position == trigger.Position
                    ? context
                    : BindOther(parameters[i], services, new Definition(functionName, "orchestrationTrigger", method), null, CancellationToken.None);
            }

            return Invoke(method, services, args);
        };
    }

    public static ActivityFunction BindActivity(string functionName, MethodInfo method)
    {
        ParameterInfo trigger = FindTrigger<ActivityTriggerAttribute>(method)!;
        ParameterInfo[] parameters = method.GetParameters();
        return call =>
        {
            var args = new object?[parameters.Length];
            for (int i = 0; i < parameters.Length; i++)
            {
                args[i] = parameters[i].Position == trigger.Position
                    ? DurableJson.Deserialize(call.SerializedInput, trigger.ParameterType)
                    : BindOther(parameters[i], call.Services, new Definition(functionName, "activityTrigger", method), call.Context, call.CancellationToken);
            }

            return Invoke(method, call.Services, args);
        };
    }

    static object? BindOther(ParameterInfo parameter, IServiceProvider services, Definition definition, TaskActivityContext? activityContext, CancellationToken cancellation)
    {
        Type type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return cancellation;
        }

        if (type == typeof(FunctionContext))
        {
            return new LocalFunctionContext(definition, services, cancellation);
        }

        if (activityContext is not null && type.IsInstanceOfType(activityContext))
        {
            return activityContext;
        }

        return services.GetService(type) ?? (parameter.HasDefaultValue ? parameter.DefaultValue : null);
    }

    static async Task<object?> Invoke(MethodInfo method, IServiceProvider services, object?[] args)
    {
        object? target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        object? returned;
        try
        {
            returned = method.Invoke(target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            // Report the function's own exception (its type becomes FailureDetails.ErrorType), not the reflection wrapper.
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        Type returnType = method.ReturnType;
        switch (returned)
        {
            case Task task:
                await task;
                return returnType.IsGenericType ? returnType.GetProperty("Result")!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            case not null when returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)returnType.GetMethod("AsTask")!.Invoke(returned, null)!;
                await asTask;
                return asTask.GetType().GetProperty("Result")!.GetValue(asTask);
            default:
                return returned;
        }
    }

    /// <summary>What a durable function's FunctionContext says about it: its name and trigger, and its parameters.</summary>
    sealed class Definition(string name, string triggerType, MethodInfo method) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters { get; } = FunctionDescriptor.ParametersOf(method);

        public override string PathToAssembly => method.DeclaringType?.Assembly.Location ?? string.Empty;

        public override string EntryPoint => $"{method.DeclaringType?.FullName}.{method.Name}";

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; } =
            ImmutableDictionary<string, BindingMetadata>.Empty.Add(triggerType, new LocalBindingMetadata(triggerType, triggerType, BindingDirection.In));

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
