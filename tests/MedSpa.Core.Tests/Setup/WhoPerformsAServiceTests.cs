namespace MedSpa.Core.Tests.Setup;

/// <summary>
/// One rule says who performs a service, so what patients are shown is what "any practitioner" books, and one list
/// feeds it: the service's practitioners. A staff member lists no services.
/// </summary>
public sealed class WhoPerformsAServiceTests
{
    private static readonly Service Facial = new() { Id = "svc-facial", Name = "Facial", PractitionerIds = ["named-by-service"] };

    private static StaffMember Practitioner(string id) => new()
    {
        Id = id,
        FirstName = id,
        LastName = "P",
        Role = StaffRole.Practitioner,
        Practitioner = new PractitionerDetails(),
    };

    [Fact]
    public void Only_the_services_practitioner_list_says_who_performs_it()
    {
        Facial.IsPerformedBy(Practitioner("named-by-service")).ShouldBeTrue();
        Facial.IsPerformedBy(Practitioner("not-named")).ShouldBeFalse();
        (Facial with { PractitionerIds = [] }).IsPerformedBy(Practitioner("named-by-service")).ShouldBeFalse();
    }

    [Fact]
    public void Front_desk_staff_and_removed_practitioners_perform_nothing()
    {
        Facial.IsPerformedBy(Practitioner("named-by-service") with { Role = StaffRole.FrontDesk }).ShouldBeFalse();
        Facial.IsPerformedBy(Practitioner("named-by-service") with { Deleted = true }).ShouldBeFalse();
    }
}
