using System.Text.Json.Serialization;

namespace MedSpa.Core.Photos;

/// <summary>The standard views of the face, so that a before and an after of the same view line up.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PhotoAngle>))]
public enum PhotoAngle
{
    [JsonStringEnumMemberName("front")]
    Front,
    [JsonStringEnumMemberName("left-45")]
    Left45,
    [JsonStringEnumMemberName("right-45")]
    Right45,
    [JsonStringEnumMemberName("left-profile")]
    LeftProfile,
    [JsonStringEnumMemberName("right-profile")]
    RightProfile,
}

/// <summary>What the patient's photo release (the latest one signed and still valid) allows.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PhotoConsent>))]
public enum PhotoConsent
{
    /// <summary>No photo release on file: the photo is part of the medical record and nothing else.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>A release is signed, but it does not allow marketing.</summary>
    [JsonStringEnumMemberName("record-only")]
    RecordOnly,

    /// <summary>The release allows marketing use.</summary>
    [JsonStringEnumMemberName("marketing")]
    Marketing,
}

/// <summary>
/// A clinical photo taken at a visit and filed with its chart. The image (stripped of its metadata) and a thumbnail are
/// in the file store at the paths kept here, so a merge that moves the record to another patient keeps them reachable.
/// A photo is never edited; it is added to a chart at any time, which leaves what was signed as it was. A photo taken
/// by mistake (the wrong patient) is removed: its images are deleted, its record stays, saying who removed it and why.
/// </summary>
public sealed record ClinicalPhoto(
    string Id,
    string TenantId,
    string PatientId,
    string ChartId,
    string AppointmentId,
    PhotoAngle Angle,
    DateTimeOffset VisitStart,
    string VisitTimeZone,
    string ImagePath,
    string ThumbnailPath,
    int Width,
    int Height,
    string TakenById,
    string TakenBy,
    DateTimeOffset UploadedAt)
{
    public const string DocumentKind = "clinical-photo";

    public string Kind => DocumentKind;

    /// <summary>Set when the photo was removed; its images are gone and no one is shown it.</summary>
    public PhotoRemoval? Removed { get; init; }
}

/// <summary>Who removed a photo, when, and why (kept with the record for the clinical audit trail).</summary>
public sealed record PhotoRemoval(string ById, string By, DateTimeOffset At, string Reason);
