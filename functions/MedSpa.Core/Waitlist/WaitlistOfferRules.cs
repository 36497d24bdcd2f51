using FluentValidation;

namespace MedSpa.Core.Waitlist;

/// <summary>How freed times are offered: a few patients at a time, each with a response window, for a few rounds.</summary>
public static class WaitlistOfferRules
{
    /// <summary>Patients asked at once in each round.</summary>
    public const int BatchSize = 3;

    /// <summary>Rounds before the time is left for anyone to book.</summary>
    public const int MaxRounds = 4;

    /// <summary>How long patients have to accept.</summary>
    public static readonly TimeSpan ResponseWindow = TimeSpan.FromMinutes(30);

    /// <summary>A window shorter than this is not worth sending.</summary>
    public static readonly TimeSpan ShortestWindow = TimeSpan.FromMinutes(5);

    /// <summary>An offer closes at least this long before the time starts, so the patient can get there.</summary>
    public static readonly TimeSpan TravelLead = TimeSpan.FromMinutes(30);

    /// <summary>The response window for <paramref name="round"/> at <paramref name="now"/>, or null when offering should stop.</summary>
    public static TimeSpan? WindowFor(int round, DateTimeOffset now, DateTimeOffset slotStart)
    {
        if (round < 1 || round > MaxRounds)
        {
            return null;
        }

        var untilLead = slotStart - TravelLead - now;
        var window = untilLead < ResponseWindow ? untilLead : ResponseWindow;
        return window >= ShortestWindow ? window : null;
    }
}
