// Stand-in for Microsoft.DurableTask.TaskFailureDetails (Microsoft.DurableTask.Abstractions).
// ErrorType is the full type name of the original exception; IsCausedBy resolves it back to a loaded type.
using System.Reflection;

namespace Microsoft.DurableTask;

public record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure, IDictionary<string, object?>? Properties)
{
    Type? loadedExceptionType;

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";

    public bool IsCausedBy<T>()
        where T : Exception => IsCausedBy(typeof(T));

    public bool IsCausedBy(Type targetBaseExceptionType)
    {
        ArgumentNullException.ThrowIfNull(targetBaseExceptionType);
        if (!typeof(Exception).IsAssignableFrom(targetBaseExceptionType))
        {
            throw new ArgumentException($"The type {targetBaseExceptionType} is not an exception type.", nameof(targetBaseExceptionType));
        }

        if (string.IsNullOrEmpty(ErrorType))
        {
            return false;
        }

        loadedExceptionType ??= Type.GetType(ErrorType, throwOnError: false)
            ?? targetBaseExceptionType.Assembly.GetType(ErrorType, throwOnError: false)
            ?? FindInLoadedAssemblies(ErrorType);
        return loadedExceptionType is not null && targetBaseExceptionType.IsAssignableFrom(loadedExceptionType);
    }

    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return FromExceptionChain(exception)!;
    }

    static TaskFailureDetails? FromExceptionChain(Exception? exception) => exception is null
        ? null
        : new TaskFailureDetails(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace, FromExceptionChain(exception.InnerException), null);

    static Type? FindInLoadedAssemblies(string typeName)
    {
        var matches = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(typeName, throwOnError: false))
            .Where(t => t is not null)
            .Distinct()
            .ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new AmbiguousMatchException($"Multiple exception types with the name '{typeName}' were found."),
        };
    }
}
