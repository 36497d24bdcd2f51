using MedSpa.Core.Patients;

namespace MedSpa.Functions.Patients;

/// <summary>A patient as the booking dialog finds and creates them: who they are and how to reach them, nothing stored beside.</summary>
public sealed record PatientSummary(string Id, string FirstName, string LastName, string? Email, string? Phone)
{
    public static PatientSummary From(Patient patient) => new(patient.Id, patient.FirstName, patient.LastName, patient.Email, patient.Phone);
}
