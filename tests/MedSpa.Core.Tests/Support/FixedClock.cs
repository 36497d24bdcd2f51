namespace MedSpa.Core.Tests.Support;

/// <summary>A clock that says what the test says: use cases read time only through TimeProvider.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
