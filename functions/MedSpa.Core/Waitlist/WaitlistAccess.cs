using MedSpa.Core.Patients;

namespace MedSpa.Core.Waitlist;

/// <summary>Who may see a waitlist entry or offer: patients their own, staff any of their clinic.</summary>
public static class WaitlistAccess
{
    public static bool MaySee(Caller caller, string tenantId, string patientId) => caller.Role == Role.Patient
        ? caller.PatientId is not null && caller.PatientId == patientId && caller.TenantId == tenantId
        : caller.Is(Role.Staff) && caller.TenantId == tenantId;
}
