namespace MedSpa.Core.Patients;

/// <summary>
/// Who may open a patient's record and change which part of it. The desk and admins see every patient of the clinic;
/// a practitioner sees the patients they treat or are booked with; a patient sees their own and their children's
/// (a parent or guardian on the child's record). Clinical fields (alerts,
/// allergies, medications) are for clinicians, admins and the patient, not the desk unless the clinic opens them to it
/// (<see cref="RecordPrivacy"/>); how the clinic files a patient
/// (status, tags) is staff's. A record of another clinic, or
/// another patient's record asked for by a patient or by a practitioner who does not treat them, is not found rather
/// than refused: its existence is not theirs to know.
/// </summary>
public sealed class PatientAccess(Booking.AppointmentStore appointments, PatientStore patients, RecordPrivacyStore privacy)
{
    public enum Part
    {
        /// <summary>Names, date of birth, contacts, address, communication preferences.</summary>
        Demographics,

        /// <summary>Medical alerts, allergies, medications.</summary>
        Clinical,

        /// <summary>Status, profile type, tags: how the clinic files the patient.</summary>
        Administrative,
    }

    /// <summary>The record, when the caller may open it; otherwise not found, whoever asks (see the class).</summary>
    public async Task<Result<Document<Patient>>> OpenAsync(Caller caller, string id, CancellationToken ct = default) =>
        await patients.DocumentAsync(caller.TenantId, id, ct) is { } found && await CheckReadAsync(caller, found.Body, ct) is null ? found : NotFound(id);

    /// <summary>Null when the caller may open the record; otherwise not found, whoever asks (see the class).</summary>
    public async Task<Error?> CheckReadAsync(Caller caller, Patient patient, CancellationToken ct = default)
    {
        var mine = patient.TenantId == caller.TenantId && caller.Role switch
        {
            Role.Admin or Role.FrontDesk => true,
            Role.Practitioner => await TreatsAsync(caller, patient.Id, ct),
            Role.Patient => IsSelfOrGuardian(caller, patient),
            _ => false,
        };
        return mine ? null : NotFound(patient.Id);
    }

    /// <summary>The parts of a record the caller is shown; a part they are not shown, they cannot change either.</summary>
    public async Task<IReadOnlySet<Part>> SeesAsync(Caller caller, CancellationToken ct = default) =>
        caller.Role == Role.FrontDesk && (await privacy.GetAsync(caller.TenantId, ct)).Body.DeskSeesClinicalFields
            ? Everything
            : ByRole(caller.Role);

    /// <summary>Every part: what an admin sees, and what the patient's own export holds.</summary>
    public static IReadOnlySet<Part> Everything { get; } = new HashSet<Part> { Part.Demographics, Part.Clinical, Part.Administrative };

    private static IReadOnlySet<Part> ByRole(Role role) => role switch
    {
        Role.Admin or Role.Practitioner => Everything,
        Role.FrontDesk => new HashSet<Part> { Part.Demographics, Part.Administrative },
        Role.Patient => new HashSet<Part> { Part.Demographics, Part.Clinical },
        _ => new HashSet<Part>(),
    };

    public static IReadOnlySet<Part> MayChange(Caller caller) => caller.Role switch
    {
        Role.Admin => new HashSet<Part> { Part.Demographics, Part.Clinical, Part.Administrative },
        Role.FrontDesk => new HashSet<Part> { Part.Demographics, Part.Administrative },
        Role.Practitioner => new HashSet<Part> { Part.Demographics, Part.Clinical },
        Role.Patient => new HashSet<Part> { Part.Demographics },
        _ => new HashSet<Part>(),
    };

    /// <summary>The patient themself, or a parent or guardian on the patient's record (a parent manages a child's record).</summary>
    public static bool IsSelfOrGuardian(Caller caller, Patient patient) =>
        caller.Role == Role.Patient && caller.PatientId is { } me && (me == patient.Id || patient.Family.Any(l => l.PatientId == me && l.MayActFor));

    public static Error.NotFound NotFound(string id) => new($"No patient with id '{id}' in this clinic.");

    private async Task<bool> TreatsAsync(Caller caller, string patientId, CancellationToken ct) =>
        caller.StaffId is { } staffId && (await appointments.ForPatientAsync(caller.TenantId, patientId, ct)).Any(a => a.PractitionerId == staffId);
}
