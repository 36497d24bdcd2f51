using System.Diagnostics.CodeAnalysis;

namespace MedSpa.Core.Common;

/// <summary>
/// Why a use case refused. The Functions app maps each kind to one HTTP status in one place. Titles and details are
/// shown to people as they are, so they speak the clinic's language: no protocol words (ETag, precondition, conflict).
/// </summary>
public abstract record Error(string Title, string Detail)
{
    public sealed record NotFound(string Detail) : Error("Not found", Detail);

    /// <param name="Extensions">What the client needs to act on the refusal (for example the forms still missing), as problem members.</param>
    public sealed record Conflict(string Detail, IReadOnlyDictionary<string, object?>? Extensions = null) : Error("Not possible", Detail);

    /// <summary>The caller's copy is stale (If-Match did not match).</summary>
    public sealed record Stale(string Detail) : Error("Changed by someone else", Detail);

    /// <summary>An update was sent without the ETag it is based on.</summary>
    public sealed record VersionRequired(string Detail) : Error("Please reload", Detail);

    public sealed record Forbidden(string Detail) : Error("Not allowed", Detail);

    /// <summary>What was sent is larger than the route takes (a file, say).</summary>
    public sealed record TooLarge(string Detail) : Error("Too large", Detail);

    /// <summary>Asked too often (guessing gift card codes, say): wait and ask again.</summary>
    public sealed record TooManyRequests(string Detail) : Error("Too many requests", Detail);

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> FieldErrors, string Detail = "One or more fields are invalid.")
        : Error("Please check the details", Detail)
    {
        public static Invalid Field(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
    }
}

/// <summary>A use case's answer: the value, or a typed error. No exceptions for expected outcomes.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    /// <summary>True: <see cref="Value"/> is set. False: <see cref="Error"/> is. The compiler knows it, so callers need no <c>!</c>.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? map(Value) : Error;
}
