namespace MedSpa.Core.Patients;

public enum PatientStatus
{
    Active,
    Inactive,
    Discharged,
    Deceased,
}

/// <summary>A patient is treated; a contact (a parent, a guardian) is on file only to be reached.</summary>
public enum ProfileType
{
    Patient,
    Contact,
}

/// <summary>What a linked person is to the patient whose record holds the link.</summary>
public enum Relationship
{
    Parent,
    Guardian,
    Child,
    Spouse,
    Sibling,
    Other,
}

/// <summary>
/// A family link on a patient's record: who (<paramref name="PatientId"/>) is what to this patient. A parent or guardian
/// marked as primary contact is reached about a minor and may manage the minor's record from the portal.
/// </summary>
public sealed record FamilyLink(string PatientId, Relationship Relationship, bool PrimaryContact = false)
{
    /// <summary>What this patient is to the linked one: the link written on the other record.</summary>
    public static Relationship Reverse(Relationship relationship) => relationship switch
    {
        Relationship.Parent or Relationship.Guardian => Relationship.Child,
        Relationship.Child => Relationship.Parent,
        var same => same,
    };

    public bool MayActFor => Relationship is Relationship.Parent or Relationship.Guardian;
}

/// <summary>What the patient agreed to hear about, and how. Transactional messages follow the reminder choices.</summary>
/// <summary>A duplicate merged into this record: who it was and which merge (to undo it).</summary>
public sealed record MergeNote(string PatientId, string Name, string MergeId, DateTimeOffset At);

/// <summary>What staff may do with what they know: leave a voicemail, discuss the record with family, call out a full name.</summary>
public sealed record PrivacyPreferences(bool VoicemailOk = true, bool DiscussWithFamily = false, bool FirstNameOnlyInPublic = false);

/// <param name="Language">The language the patient reads messages in (a tag such as es): the clinic's words in it when the
/// clinic writes in it, else in the clinic's first language. Null: the clinic's first language.</param>
public sealed record CommunicationPreferences(bool EmailReminders = true, bool SmsReminders = true, bool MarketingEmails = false, string? Language = null);

/// <summary>
/// A patient's record: who they are, how to reach them, and what every clinician must see first (alerts, allergies,
/// medications). Phone numbers are stored in E.164; dates of birth as calendar dates (yyyy-MM-dd). Archived, never
/// deleted: appointments, charts and payments refer to it.
/// </summary>
public sealed record Patient
{
    public string Id { get; init; } = "";

    public string TenantId { get; init; } = "";

    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";

    public string? PreferredName { get; init; }

    public string? Pronouns { get; init; }

    public string? DateOfBirth { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? AlternatePhone { get; init; }

    public Setup.Address? Address { get; init; }

    public PatientStatus Status { get; init; } = PatientStatus.Active;

    public ProfileType ProfileType { get; init; } = ProfileType.Patient;

    public IReadOnlyList<string> MedicalAlerts { get; init; } = [];

    public IReadOnlyList<string> Allergies { get; init; } = [];

    public IReadOnlyList<string> Medications { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<FamilyLink> Family { get; init; } = [];

    public CommunicationPreferences CommunicationPreferences { get; init; } = new();

    public PrivacyPreferences PrivacyPreferences { get; init; } = new();

    /// <summary>The current profile photo in the file store (see <see cref="PatientPhoto"/>); null when there is none.</summary>
    public string? PhotoId { get; init; }

    /// <summary>The day (in the location's zone) of the patient's last completed visit; null until their first.</summary>
    public string? LastVisitOn { get; init; }

    public bool Archived { get; init; }

    /// <summary>
    /// The patient replied STOP to our texts (START clears it): the carriers block our texts to them anyway, and the law
    /// expects us to stop; set only from their own reply, never by staff.
    /// </summary>
    public bool SmsOptedOut { get; init; }

    /// <summary>Set when this record was merged into another (the survivor): reads of it lead there.</summary>
    public string? MergedInto { get; init; }

    /// <summary>The duplicates merged into this record, newest last: each merge can be undone for 30 days.</summary>
    public IReadOnlyList<MergeNote> MergedFrom { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Stored for the list's order and its name search (surname first, lower-cased).</summary>
    public string SortName => $"{LastName} {FirstName}".ToLowerInvariant();

    /// <summary>Stored for the name search by first name (lower-cased).</summary>
    public string FirstNameKey => FirstName.ToLowerInvariant();

    /// <summary>Stored so that today's birthdays are found by day of the year ("03-09"); null without a date of birth.</summary>
    public string? Birthday => DateOfBirth is { Length: 10 } date ? date[5..] : null;

    /// <summary>The name staff call the patient by.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string DisplayName => $"{(string.IsNullOrWhiteSpace(PreferredName) ? FirstName : PreferredName)} {LastName}";
}
