namespace MedSpa.Functions.Setup.Contracts;

/// <summary>A staff member as the API shows it and takes it. A missing list reads as empty.</summary>
public sealed record StaffMemberContract(
    string FirstName = "",
    string LastName = "",
    string Email = "",
    StaffRole Role = default,
    PractitionerDetails? Practitioner = null,
    IReadOnlyList<WorkingHours>? WorkingHours = null,
    IReadOnlyList<TimeOff>? TimeOff = null,
    IReadOnlyList<WorkingException>? WorkingExceptions = null) : ISetupContract<StaffMember, StaffMemberContract>
{
    public StaffMember ToItem() => new()
    {
        FirstName = FirstName, LastName = LastName, Email = Email, Role = Role, Practitioner = Practitioner,
        WorkingHours = WorkingHours ?? [], TimeOff = TimeOff ?? [], WorkingExceptions = WorkingExceptions ?? [],
    };

    public static StaffMemberContract From(StaffMember item) =>
        new(item.FirstName, item.LastName, item.Email, item.Role, item.Practitioner, item.WorkingHours, item.TimeOff, item.WorkingExceptions);
}
