namespace MedSpa.Core.Setup;

/// <summary>A staff member's email is their sign-in: saving them links it to this clinic and role; archiving unlinks it.</summary>
public sealed class StaffSignInLink(UserStore directory) : ISetupItemHook<StaffMember>
{
    public async Task<Error?> CheckAsync(Caller caller, StaffMember item, CancellationToken ct)
    {
        var existing = await directory.FindAsync(item.Email, ct);
        var ownedHere = existing is null || (existing.TenantId == caller.TenantId && (existing.StaffId is null || existing.StaffId == item.Id));
        return ownedHere ? null : new Error.Conflict($"The email {item.Email} already signs in to another account.");
    }

    public async Task AfterSaveAsync(Caller caller, StaffMember? before, StaffMember saved, CancellationToken ct)
    {
        if (before is not null && !string.Equals(DirectoryEntry.Normalize(before.Email), DirectoryEntry.Normalize(saved.Email), StringComparison.Ordinal))
        {
            await directory.UnlinkAsync(before.Email, caller.TenantId, ct);
        }

        if (saved.Deleted)
        {
            await directory.UnlinkAsync(saved.Email, caller.TenantId, ct);
            return;
        }

        await directory.LinkAsync(new DirectoryEntry(saved.Email, caller.TenantId, ToRole(saved.Role), saved.DisplayName, StaffId: saved.Id), ct);
    }

    private static Role ToRole(StaffRole role) => role switch
    {
        StaffRole.Admin => Role.Admin,
        StaffRole.FrontDesk => Role.FrontDesk,
        _ => Role.Practitioner,
    };
}
