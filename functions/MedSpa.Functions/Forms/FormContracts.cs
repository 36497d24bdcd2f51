using System.Text.Json;
using MedSpa.Core.Forms;
using MedSpa.Core.Scheduling;

namespace MedSpa.Functions.Forms;

/// <summary>A form in the list and in the builder (docs/forms-api.md): its working copy with the published version's number.</summary>
public sealed record FormResponse(
    string Id, string Name, string? Description, FormKind Kind, string? LegalText, int? ExpirationMonths, IReadOnlyList<FormSection> Sections,
    int? PublishedVersion, bool HasDraft, DateTimeOffset UpdatedAt, string Etag)
{
    public static FormResponse From(Document<IntakeForm> form)
    {
        var c = form.Body.Content;
        return new(form.Id, c.Name, c.Description, c.Kind, c.LegalText, c.ExpirationMonths, c.Sections, form.Body.PublishedVersion, form.Body.HasDraft, form.Body.UpdatedAt, form.ETag);
    }
}

public sealed record FormSummaryResponse(string Id, string Name, FormKind Kind, string? Description, int? PublishedVersion, bool HasDraft, int? ExpirationMonths, DateTimeOffset UpdatedAt)
{
    public static FormSummaryResponse From(IntakeForm form) =>
        new(form.Id, form.Content.Name, form.Content.Kind, form.Content.Description, form.PublishedVersion, form.HasDraft, form.Content.ExpirationMonths, form.UpdatedAt);
}

public sealed record FormVersionResponse(
    string FormId, int Version, DateTimeOffset PublishedAt, string Name, string? Description, FormKind Kind, string? LegalText, int? ExpirationMonths, IReadOnlyList<FormSection> Sections)
{
    public static FormVersionResponse From(FormVersion v) =>
        new(v.FormId, v.Version, v.PublishedAt, v.Content.Name, v.Content.Description, v.Content.Kind, v.Content.LegalText, v.Content.ExpirationMonths, v.Content.Sections);
}

/// <summary>A submission in a list: who, which version, when, and whether it still counts.</summary>
public sealed record SubmissionSummaryResponse(
    string Id, string FormId, string FormName, FormKind Kind, int Version, string PatientId, string? PatientName, string SignerName,
    DateTimeOffset SubmittedAt, DateTimeOffset? ExpiresAt, bool Expired, string? SupersededBy)
{
    public static SubmissionSummaryResponse From(FormSubmission s, DateTimeOffset now, string? patientName = null) =>
        new(s.Id, s.FormId, s.FormName, s.FormKind, s.Version, s.PatientId, patientName, s.SignerName, s.SubmittedAt, s.ExpiresAt, s.ExpiresAt <= now, s.SupersededBy);
}

/// <summary>A submission with its answers, its evidence and the version it answered (to show it as it was signed).</summary>
public sealed record SubmissionResponse(
    string Id, string FormId, string FormName, FormKind Kind, int Version, string PatientId, string? AppointmentId, IReadOnlyDictionary<string, JsonElement> Answers,
    string SignerName, DateTimeOffset SubmittedAt, SubmittedBy SubmittedBy, string? IpAddress, string? UserAgent, string? LegalText, string ContentHash, bool Intact,
    DateTimeOffset? ExpiresAt, string? SupersededBy, FormContent Content)
{
    public static SubmissionResponse From(FormSubmission s, FormContent content) =>
        new(s.Id, s.FormId, s.FormName, s.FormKind, s.Version, s.PatientId, s.AppointmentId, s.Answers, s.SignerName, s.SubmittedAt, s.SubmittedBy, s.IpAddress, s.UserAgent,
            s.LegalText, s.ContentHash, s.IsIntact(), s.ExpiresAt, s.SupersededBy, content);
}

/// <summary>A form still to fill; the visit's time is written in its location's zone, as every appointment time is.</summary>
public sealed record OutstandingFormResponse(string FormId, string Name, FormKind Kind, OutstandingReason Reason, string? AppointmentId, string? StartTime)
{
    public static OutstandingFormResponse From(OutstandingForm o) =>
        new(o.FormId, o.Name, o.Kind, o.Reason, o.AppointmentId, o.StartTime is { } start ? ClinicTime.ToIsoString(start, o.TimeZone ?? "UTC") : null);
}
