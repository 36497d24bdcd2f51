using System.Text.Json.Serialization;

namespace MedSpa.Core.Forms;

public enum FormKind
{
    /// <summary>Questions before a visit (medical history): no legal text.</summary>
    Intake,

    /// <summary>A legal text the patient signs before a treatment; expires.</summary>
    Consent,

    /// <summary>A consent for photos, with separate choices (marketing, social media, case studies).</summary>
    PhotoRelease,
}

public enum FieldType
{
    Text,
    LongText,
    Choice,
    MultiChoice,
    Date,
    Number,
    YesNo,
    Signature,
    Initials,
    File,
}

/// <summary>A field is shown only when an earlier field has a value ("yes", an option; for multi-choice: among those picked).</summary>
public sealed record VisibleIf(string FieldId, string EqualsValue)
{
    /// <summary>On the wire "equals" (the spec's word); a C# record cannot name a property Equals.</summary>
    [JsonPropertyName("equals")]
    public string EqualsValue { get; init; } = EqualsValue;
}

public sealed record FormField(string Id, FieldType Type, string Label, bool Required, IReadOnlyList<string>? Options, string? Help, VisibleIf? VisibleIf)
{
    public IReadOnlyList<string> Options { get; init; } = Options ?? [];

    public bool IsSignature => Type is FieldType.Signature;
}

public sealed record FormSection(string Title, IReadOnlyList<FormField> Fields);

/// <summary>What the builder edits and a version freezes: the spec's IntakeForm model.</summary>
public sealed record FormContent(
    string Name, string? Description, FormKind Kind, string? LegalText, int? ExpirationMonths, IReadOnlyList<FormSection> Sections)
{
    public IEnumerable<FormField> Fields => Sections.SelectMany(s => s.Fields);

    /// <summary>Consents and photo releases are signed legal texts; intake questions are not.</summary>
    public bool IsConsent => Kind is FormKind.Consent or FormKind.PhotoRelease;

    /// <summary>When a submission signed at <paramref name="signedAt"/> stops counting; null when it never does.</summary>
    public DateTimeOffset? ExpiresAt(DateTimeOffset signedAt) => ExpirationMonths is { } months ? signedAt.AddMonths(months) : null;
}

/// <summary>
/// A clinic's form: the working copy the builder edits (<see cref="Content"/>) and the number of its latest published
/// version. Publishing freezes the working copy as a <see cref="FormVersion"/>; an edit after that is a draft until
/// the next publish, and what patients fill is always a published version.
/// </summary>
public sealed record IntakeForm(string Id, string TenantId, FormContent Content, int? PublishedVersion, bool HasDraft, DateTimeOffset UpdatedAt)
{
    public const string DocumentKind = "form";

    public string Kind => DocumentKind;

    /// <summary>The list's order: by name, case-insensitively.</summary>
    public string SortName => Content.Name.ToLowerInvariant();
}

/// <summary>One published version of a form: never changed; every submission names the one it answered.</summary>
public sealed record FormVersion(string Id, string TenantId, string FormId, int Version, DateTimeOffset PublishedAt, FormContent Content)
{
    public const string DocumentKind = "form-version";

    public string Kind => DocumentKind;

    public static string IdFor(string formId, int version) => $"{formId}:v{version}";
}
