using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Hosting;

/// <summary>Calls a function method: activates its class per invocation, binds parameters, awaits and stores the result.</summary>
internal static class FunctionInvoker
{
    public static async Task InvokeAsync(FunctionContext context)
    {
        var local = (LocalFunctionContext)context;
        var function = (FunctionDescriptor)context.FunctionDefinition;
        var method = function.Method;
        var instance = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(context.InstanceServices, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => Bind(p, local, function.Name)).ToArray();

        object? returned;
        try
        {
            returned = method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        context.GetInvocationResult().Value = await UnwrapAsync(returned);
    }

    private static object? Bind(ParameterInfo parameter, LocalFunctionContext context, string functionName)
    {
        var type = parameter.ParameterType;
        if (type == typeof(FunctionContext))
        {
            return context;
        }

        if (type == typeof(CancellationToken))
        {
            return context.CancellationToken;
        }

        if (type == typeof(HttpRequest))
        {
            return context.GetHttpContext()?.Request;
        }

        if (context.BindingData.TryGetValue(parameter.Name!, out var value))
        {
            return Convert(value, type, parameter.Name!);
        }

        return context.InstanceServices.GetService(type)
            ?? (parameter.HasDefaultValue ? parameter.DefaultValue : throw new InvalidOperationException(
                $"Cannot bind parameter '{parameter.Name}' of function '{functionName}'."));
    }

    private static object? Convert(object? value, Type type, string name)
    {
        if (value is null || type.IsInstanceOfType(value))
        {
            return value;
        }

        var converter = TypeDescriptor.GetConverter(type);
        try
        {
            return converter.ConvertFrom(null, System.Globalization.CultureInfo.InvariantCulture, value);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException)
        {
            throw new BadHttpRequestException($"Route value '{name}' is not a valid {type.Name}.");
        }
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                var resultProperty = task.GetType().GetProperty("Result");
                return resultProperty is not null && task.GetType().IsGenericType && resultProperty.PropertyType.Name != "VoidTaskResult"
                    ? resultProperty.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                if (returned?.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ValueTask<>))
                {
                    return await UnwrapAsync(t.GetMethod("AsTask")!.Invoke(returned, null));
                }

                return returned;
        }
    }
}
