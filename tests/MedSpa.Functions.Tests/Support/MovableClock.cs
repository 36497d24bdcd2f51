namespace MedSpa.Functions.Tests.Support;

/// <summary>Real time plus an offset a test may set, so "now" can be placed next to an appointment; always moves forward with real time.</summary>
public sealed class MovableClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    /// <summary>Until disposed, "now" is <paramref name="instant"/> (then flows on).</summary>
    public IDisposable At(DateTimeOffset instant)
    {
        _offset = instant - base.GetUtcNow();
        return new Reset(this);
    }

    private sealed class Reset(MovableClock clock) : IDisposable
    {
        public void Dispose() => clock._offset = TimeSpan.Zero;
    }
}
