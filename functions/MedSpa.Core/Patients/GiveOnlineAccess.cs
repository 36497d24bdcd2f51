using MedSpa.Core.Notifications;

namespace MedSpa.Core.Patients;

/// <summary>What giving a patient online access did: whether the sign-in was new, and the email it is for.</summary>
public sealed record OnlineAccess(string Email, bool AlreadyHad);

/// <summary>
/// Lets a patient the desk registered (over the phone, at the counter) sign in to the portal: the email on their record
/// becomes their sign-in to this clinic, and they get a message saying how to sign in. The identity provider proves
/// the email is theirs when they sign in, as it does when a patient registers while booking. An email that already signs
/// in as someone else (a staff member, another patient, another clinic's account) is never taken over.
/// </summary>
public sealed class GiveOnlineAccess(PatientAccess access, UserStore directory, ClinicStore clinics, PatientNoticeStore notices, TimeProvider clock)
{
    public async Task<Result<OnlineAccess>> GiveAsync(Caller caller, string patientId, CancellationToken ct = default)
    {
        var opened = await access.OpenAsync(caller, patientId, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var patient = opened.Value.Body;
        if (patient.Archived || patient.MergedInto is not null)
        {
            return new Error.Conflict("This record is archived or merged into another: give access on the record the patient uses.");
        }

        if (patient.ProfileType == ProfileType.Contact)
        {
            return new Error.Conflict("This record is a contact, not a patient: contacts have no online account.");
        }

        if (string.IsNullOrWhiteSpace(patient.Email))
        {
            return Error.Invalid.Field("email", "Add the patient's email to their record first: it becomes their sign-in.");
        }

        var email = DirectoryEntry.Normalize(patient.Email);
        var existing = await directory.FindAsync(email, ct);
        if (existing is { TenantId: var tenant, PatientId: var linked } && tenant == caller.TenantId && linked == patient.Id)
        {
            return new OnlineAccess(email, AlreadyHad: true);
        }

        if (existing is not null)
        {
            return new Error.Conflict($"{email} already signs in to another account. Ask the patient for an email of their own and put it on the record.");
        }

        await directory.LinkAsync(PatientStore.SignInFor(patient, email), ct);
        var clinic = (await clinics.FindAsync(caller.TenantId, ct))?.Name ?? "your clinic";
        // Once per email: the id holds a digest of it, as an email may hold characters a document id may not.
        var once = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email)))[..16];
        await notices.RecordAsync(new PatientNotice($"online-access:{patient.Id}:{once}", caller.TenantId, patient.Id, $"Your online account at {clinic}",
            $"You can now book, see your appointments and fill in your forms online. Sign in at /patient with {email}; "
            + "the first time, create your password with that email.", clock.GetUtcNow()), ct);
        return new OnlineAccess(email, AlreadyHad: false);
    }
}
