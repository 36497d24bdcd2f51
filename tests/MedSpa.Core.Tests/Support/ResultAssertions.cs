namespace MedSpa.Core.Tests.Support;

public static class ResultAssertions
{
    /// <summary>The value of a result that must have succeeded; otherwise the test fails with the error it carried.</summary>
    public static T Ok<T>(this Result<T> result)
    {
        result.IsSuccess.ShouldBeTrue(result.IsSuccess ? "" : $"{result.Error.GetType().Name}: {result.Error.Detail}");
        return result.Value!;
    }
}
