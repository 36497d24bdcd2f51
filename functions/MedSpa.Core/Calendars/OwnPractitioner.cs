namespace MedSpa.Core.Calendars;

/// <summary>
/// Who may manage a practitioner's calendars (their private link, their connected Google or Microsoft calendar): the
/// practitioner themself or an admin. To another practitioner, a colleague looks like they do not exist (as another
/// patient's record does), so the answer tells nothing about them; the desk and patients are refused.
/// </summary>
public sealed class OwnPractitioner(ClinicSetupStore setupReader)
{
    public async Task<Error?> CheckAsync(Caller caller, string practitionerId, CancellationToken ct)
    {
        var notFound = new Error.NotFound($"No practitioner {practitionerId} of yours in this clinic.");
        if (!caller.Is(Role.Admin) && !(caller.Is(Role.Practitioner) && caller.StaffId == practitionerId))
        {
            return caller.Is(Role.Practitioner) ? notFound : new Error.Forbidden("A practitioner's calendars are their own (or an admin's to manage).");
        }

        var member = (await setupReader.LoadAsync(caller.TenantId, ct)).Member(practitionerId);
        return member is { Deleted: false, Role: StaffRole.Practitioner } ? null : notFound;
    }
}
