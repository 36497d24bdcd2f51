namespace MedSpa.Core.Access;

/// <summary>The roles of our own directory. Tokens say who someone is; the directory says what they may do.</summary>
[Flags]
public enum Role
{
    None = 0,
    Admin = 1,
    FrontDesk = 2,
    Practitioner = 4,
    Patient = 8,
    Staff = Admin | FrontDesk | Practitioner,
    Anyone = Staff | Patient,
}

/// <summary>A signed-in person resolved against the directory: which clinic, which role, which records are theirs.</summary>
public sealed record Caller(string UserId, string Email, string DisplayName, string TenantId, Role Role, string? StaffId = null, string? PatientId = null)
{
    public bool Is(Role roles) => (Role & roles) != 0;
}

/// <summary>The directory entry linking a sign-in (by normalized email) to one clinic and role.</summary>
public sealed record DirectoryEntry(string Email, string TenantId, Role Role, string DisplayName, string? StaffId = null, string? PatientId = null)
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}

public static class RoleNames
{
    public static string ToWire(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.FrontDesk => "frontdesk",
        Role.Practitioner => "practitioner",
        Role.Patient => "patient",
        _ => "none",
    };

    public static Role? FromWire(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "admin" => Role.Admin,
        "frontdesk" => Role.FrontDesk,
        "practitioner" => Role.Practitioner,
        _ => null,
    };
}
