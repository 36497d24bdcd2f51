using System.Security.Cryptography;
using System.Text;

namespace MedSpa.Core.Calendars;

/// <summary>
/// A practitioner's private calendar link (subscribed to from Google, Outlook or Apple Calendar). The link's token is a
/// bearer secret shown once; only its SHA-256 is kept, here (in the clinic's partition) and in the directory's route
/// from the token to the clinic, so a leaked store cannot rebuild a working link. A new link replaces the old one.
/// </summary>
public sealed record CalendarFeedLink(string PractitionerId, string TokenHash, DateTimeOffset CreatedAt, string CreatedBy)
{
    public const string DocumentKind = "calendar-feed";

    public string Kind => DocumentKind;

    public static string DocumentId(string practitionerId) => $"calendar-feed:{practitionerId}";

    public static string NewToken() => CalendarSecrets.New();

    public static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Hash(string token) => CalendarSecrets.Hash(token);

    /// <summary>Where the API serves the feed: the token is the only credential, so the path carries nothing else.</summary>
    public static string PathFor(string token) => $"/api/calendar-feeds/{token}/appointments.ics";
}

/// <summary>
/// The one way calendars make and keep secrets (a feed link's token, a Graph clientState, a Google channel token):
/// 32 random bytes, URL-safe (43 characters), kept only as their SHA-256.
/// </summary>
public static class CalendarSecrets
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>The directory's route from a feed token's hash to its clinic and practitioner (a feed request carries only the token).</summary>
public sealed record CalendarFeedRoute(string TenantId, string PractitionerId)
{
    public static string Key(string tokenHash) => $"calendar-feed:{tokenHash}";
}
