using System.Text.Json.Serialization;

namespace MedSpa.Core.Charts;

/// <summary>
/// Where a chart is: a draft the practitioner edits; signed (their signature, then never changed again); or locked
/// without a signature (the clinic's deadline passed, or an admin closed it), which the practitioner may still sign.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartStatus>))]
public enum ChartStatus
{
    [JsonStringEnumMemberName("draft")]
    Draft,
    [JsonStringEnumMemberName("signed")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Signed is the clinic's word for a chart a practitioner signed, not a numeric type.")]
    Signed,
    [JsonStringEnumMemberName("locked")]
    Locked,
}

/// <summary>Who signed, with what credentials, when.</summary>
public sealed record ChartSignature(string StaffId, string Name, string? Credentials, DateTimeOffset At);

/// <summary>A correction or addition to a closed chart: appended, signed by its author, shown with the original.</summary>
public sealed record ChartAmendment(string Id, string Text, ChartSignature Signature);

/// <summary>What a chart's author writes: the template's fields, the map, internal notes (never shown to the patient) and after-care.</summary>
public sealed record ChartContent(IReadOnlyDictionary<string, string>? Fields, FaceMap? Map, string? InternalNotes, string? AfterCare);

/// <summary>
/// A treatment note of one visit. Its rules: only the draft changes; signing or locking closes it for good; a closed
/// chart takes amendments, each appended and signed; only a closed chart is shared with the patient.
/// </summary>
public sealed record Chart(
    string Id,
    string TenantId,
    string PatientId,
    string AppointmentId,
    string PractitionerId,
    string PractitionerName,
    string ServiceName,
    DateTimeOffset VisitStart,
    string TemplateId,
    string TemplateName,
    ChartTreatment Treatment,
    ChartDiagram Diagram,
    IReadOnlyDictionary<string, string> Fields,
    FaceMap Map,
    string? InternalNotes,
    string? AfterCare,
    ChartStatus Status,
    ChartSignature? Signature,
    DateTimeOffset? LockedAt,
    string? LockedBy,
    IReadOnlyList<ChartAmendment> Amendments,
    DateTimeOffset? SharedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const string DocumentKind = "chart";

    public string Kind => DocumentKind;

    public bool IsClosed => Status != ChartStatus.Draft;

    /// <summary>The IANA zone of the visit's location: the visit's time is read on the clinic's clock, like the appointment's.</summary>
    public string VisitTimeZone { get; init; } = "UTC";

    /// <summary>The visit's start with the location's offset, as every appointment time goes out.</summary>
    public string VisitStartAtLocation => Scheduling.ClinicTime.ToIsoString(VisitStart, VisitTimeZone);

    public Result<Chart> Edit(ChartContent content, DateTimeOffset now) => IsClosed
        ? new Error.Conflict("This chart is closed: it can no longer change. Add an amendment instead.")
        : this with
        {
            Fields = content.Fields ?? Fields,
            Map = content.Map ?? Map,
            InternalNotes = content.InternalNotes,
            AfterCare = content.AfterCare,
            UpdatedAt = now,
        };

    /// <summary>The practitioner's signature closes a draft; a chart locked unsigned may still be signed (late, and dated).</summary>
    public Result<Chart> Sign(ChartSignature signature) => (Status, signature.StaffId == PractitionerId) switch
    {
        (_, false) => new Error.Forbidden("Only the practitioner who charted this visit signs it."),
        (ChartStatus.Signed, _) => new Error.Conflict("This chart is already signed."),
        (ChartStatus.Draft, _) => this with { Status = ChartStatus.Signed, Signature = signature, LockedAt = signature.At, LockedBy = signature.Name, UpdatedAt = signature.At },
        _ => this with { Status = ChartStatus.Signed, Signature = signature, UpdatedAt = signature.At },
    };

    /// <summary>Closes a draft without a signature (an admin, or the clinic's deadline): it can no longer change.</summary>
    public Result<Chart> Lock(string by, DateTimeOffset now) => IsClosed
        ? new Error.Conflict("This chart is already closed.")
        : this with { Status = ChartStatus.Locked, LockedAt = now, LockedBy = by, UpdatedAt = now };

    public Result<Chart> Amend(ChartAmendment amendment) => !IsClosed
        ? new Error.Conflict("This chart is still a draft: change it directly; amendments are for closed charts.")
        : this with { Amendments = [.. Amendments, amendment], UpdatedAt = amendment.Signature.At };

    /// <summary>Shared with the patient as its after-care only (not what was used, or where): the practitioner's choice.</summary>
    public bool SharesAfterCareOnly { get; init; }

    /// <summary>
    /// Shares a closed chart with the patient, whole or its after-care only. What the patient has seen stays seen:
    /// sharing again can widen an after-care-only share to the whole chart, never narrow it.
    /// </summary>
    public Result<Chart> Share(bool afterCareOnly, DateTimeOffset now) => !IsClosed
        ? new Error.Conflict("Sign the chart before sharing it: patients see finished charts only.")
        : SharedAt is not null && (afterCareOnly || !SharesAfterCareOnly)
            ? this
            : this with { SharedAt = SharedAt ?? now, SharesAfterCareOnly = afterCareOnly, UpdatedAt = now };
}
