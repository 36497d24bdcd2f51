using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace MedSpa.Core.Calendars;

/// <summary>Whose calendar a practitioner's busy times come from.</summary>
public enum CalendarProvider
{
    Google,

    /// <summary>Microsoft 365 (Outlook) through Microsoft Graph.</summary>
    Microsoft,
}

/// <summary>A busy block from a practitioner's own calendar: its event there, and when.</summary>
public sealed record ExternalBusy(string EventId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A provider's promise to tell us of changes: Graph's subscription or Google's channel, until it expires.</summary>
/// <param name="Id">Graph's subscription id, or the Google channel id we chose.</param>
/// <param name="ResourceId">Google's id of the watched collection (needed to stop the channel); null for Graph.</param>
public sealed record CalendarWatch(string Id, string? ResourceId, DateTimeOffset ExpiresAt);

/// <summary>What changed in a calendar since the last sync, and the state to give next time.</summary>
/// <param name="Full">Everything busy in the window (a first sync, or the provider asked for a full one): replaces what was known.</param>
public sealed record CalendarChanges(IReadOnlyList<ExternalBusy> Busy, IReadOnlyList<string> Removed, string SyncState, bool Full);

/// <summary>A provider refused or failed a request; its words, for the person connecting or the log.</summary>
public sealed class CalendarProviderException(string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    public int? Status { get; } = status;

    /// <summary>Google's 410 for an expired sync token: start again with a full sync.</summary>
    public bool FullSyncRequired => Status == 410;
}

/// <summary>Microsoft Graph or Google Calendar, as the sync needs them (Infrastructure has one adapter each).</summary>
public interface ICalendarProviderClient
{
    CalendarProvider Provider { get; }

    /// <summary>Asks the provider to notify <paramref name="notificationUrl"/> of changes, carrying <paramref name="secret"/> back.</summary>
    /// <param name="watchId">Our id for the watch where the provider takes one (Google's channel id); Graph makes its own.</param>
    Task<CalendarWatch> WatchAsync(string calendarId, string watchId, Uri notificationUrl, Uri lifecycleUrl, string secret, DateTimeOffset until, CancellationToken ct);

    /// <summary>
    /// Keeps notifications coming past <paramref name="until"/>: Graph extends the subscription (its secret unchanged);
    /// Google has no renewal, so a new channel with <paramref name="newWatchId"/> and <paramref name="newSecret"/> replaces it.
    /// </summary>
    Task<(CalendarWatch Watch, bool NewSecretInUse)> RenewAsync(CalendarConnection connection, string newWatchId, Uri notificationUrl, Uri lifecycleUrl, string newSecret, DateTimeOffset until, CancellationToken ct);

    /// <summary>Stops the notifications (best effort: a watch already gone is fine).</summary>
    Task StopAsync(CalendarConnection connection, CancellationToken ct);

    /// <summary>Busy events since <paramref name="syncState"/> (null: a full sync of [from, to)).</summary>
    Task<CalendarChanges> ChangesAsync(string calendarId, string? syncState, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

/// <summary>
/// A practitioner's Google or Microsoft 365 calendar, connected so its busy times block their availability: the watch
/// that notifies us, a hash of the secret it carries back (Graph's clientState, Google's channel token), the provider's
/// sync state, and the busy blocks known from it.
/// </summary>
public sealed record CalendarConnection
{
    public const string DocumentKind = "calendar-connection";

    public required string PractitionerId { get; init; }

    public required CalendarProvider Provider { get; init; }

    /// <summary>Google: the calendar's id (usually the person's address). Microsoft: the user's object id in the clinic's directory.</summary>
    public required string CalendarId { get; init; }

    public required CalendarWatch Watch { get; init; }

    public required string SecretHash { get; init; }

    public string? SyncState { get; init; }

    public DateTimeOffset? SyncedAt { get; init; }

    /// <summary>Set by a notification, cleared by the sync that follows it: a sync cut short is finished by the timer.</summary>
    public DateTimeOffset? SyncRequestedAt { get; init; }

    /// <summary>Why the last sync or renewal failed (shown to the practitioner), null once one succeeds.</summary>
    public string? Problem { get; init; }

    public IReadOnlyList<ExternalBusy> Busy { get; init; } = [];

    public required DateTimeOffset ConnectedAt { get; init; }

    public required string ConnectedBy { get; init; }

    public string Kind => DocumentKind;

    [JsonIgnore]
    public string Id => DocumentId(PractitionerId, Provider);

    public static string DocumentId(string practitionerId, CalendarProvider provider) => $"calendar-connection:{practitionerId}:{WireNames.Of(provider)}";

    public static string NewSecret() => CalendarSecrets.New();

    public static string Hash(string secret) => CalendarSecrets.Hash(secret);

    /// <summary>Whether a notification's secret is this connection's, compared in constant time.</summary>
    public bool Carries(string? secret) =>
        secret is { Length: > 0 and <= 256 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));
}

/// <summary>The directory's route from a watch (Graph subscription or Google channel) to its clinic and practitioner.</summary>
public sealed record CalendarWatchRoute(string TenantId, string PractitionerId, CalendarProvider Provider)
{
    public static string Key(CalendarProvider provider, string watchId) => $"calendar-watch:{WireNames.Of(provider)}:{watchId}";
}
