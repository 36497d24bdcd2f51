using System.Security.Cryptography;
using System.Text.Json;

namespace MedSpa.Core.Forms;

/// <summary>Who handed in a submission: the patient, a parent, or staff at the desk with the patient.</summary>
public sealed record SubmittedBy(string Name, string Role);

/// <summary>Where a signature was given: kept as evidence with it.</summary>
public sealed record SigningContext(string? IpAddress, string? UserAgent);

/// <summary>
/// A patient's answers to one published version of a form, signed. Never changed: a newer submission of the same
/// form supersedes it (<see cref="SupersededBy"/> is the only thing ever set later). The evidence of a signature is
/// the version, the legal text as shown, the signer's name, the drawn signature, the time, IP address and user agent,
/// and a SHA-256 hash over all of it (<see cref="HashOf"/>), so any later change to the stored answers shows.
/// </summary>
public sealed record FormSubmission(
    string Id,
    string TenantId,
    string PatientId,
    string FormId,
    string FormName,
    FormKind FormKind,
    int Version,
    string? AppointmentId,
    IReadOnlyDictionary<string, JsonElement> Answers,
    string SignerName,
    DateTimeOffset SubmittedAt,
    SubmittedBy SubmittedBy,
    string? IpAddress,
    string? UserAgent,
    string? LegalText,
    string ContentHash,
    DateTimeOffset? ExpiresAt,
    string? SupersededBy = null)
{
    public const string DocumentKind = "submission";

    public string Kind => DocumentKind;

    /// <summary>Whether it still counts on <paramref name="day"/>: not superseded, not expired by then.</summary>
    public bool ValidAt(DateTimeOffset day) => SupersededBy is null && (ExpiresAt is not { } expires || expires > day);

    /// <summary>
    /// The hash that seals a submission: the form, version, legal text, signer, time and each answer (by field id,
    /// in order), written as canonical JSON. Recomputing it over a stored submission proves nothing was changed. The
    /// record it is filed on is not sealed: merging a duplicate record moves signed forms to the survivor intact.
    /// </summary>
    public static string HashOf(string formId, int version, string? legalText, string signerName, DateTimeOffset at, IReadOnlyDictionary<string, JsonElement> answers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("formId", formId);
            json.WriteNumber("version", version);
            json.WriteString("legalText", legalText);
            json.WriteString("signerName", signerName);
            json.WriteString("at", at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartObject("answers");
            foreach (var (id, value) in answers.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(id);
                value.WriteTo(json);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    public bool IsIntact() => HashOf(FormId, Version, LegalText, SignerName, SubmittedAt, Answers) == ContentHash;
}

/// <summary>A form sent to a patient (by the desk, or by a booking that needs it), until they hand it in.</summary>
public sealed record FormRequest(string Id, string TenantId, string PatientId, string FormId, string? AppointmentId, DateTimeOffset RequestedAt, string RequestedBy)
{
    public const string DocumentKind = "form-request";

    public string Kind => DocumentKind;
}
