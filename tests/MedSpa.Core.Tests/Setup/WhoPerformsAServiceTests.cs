using MedSpa.Core.Setup;

namespace MedSpa.Core.Tests.Setup;

/// <summary>One rule says who performs a service, so what patients are shown is what "any practitioner" books.</summary>
public sealed class WhoPerformsAServiceTests
{
    private static readonly Service Facial = new() { Id = "svc-facial", Name = "Facial", PractitionerIds = ["named-by-service"] };

    private static StaffMember Practitioner(string id, params string[] serviceIds) => new()
    {
        Id = id,
        FirstName = id,
        LastName = "P",
        Role = StaffRole.Practitioner,
        Practitioner = new PractitionerDetails { ServiceIds = serviceIds },
    };

    [Fact]
    public void Either_the_service_or_the_practitioner_may_name_the_other()
    {
        Facial.IsPerformedBy(Practitioner("named-by-service")).ShouldBeTrue();
        Facial.IsPerformedBy(Practitioner("names-the-service", "svc-facial")).ShouldBeTrue();
        Facial.IsPerformedBy(Practitioner("unrelated", "svc-peel")).ShouldBeFalse();
    }

    [Fact]
    public void Front_desk_staff_and_removed_practitioners_perform_nothing()
    {
        Facial.IsPerformedBy(Practitioner("named-by-service") with { Role = StaffRole.FrontDesk }).ShouldBeFalse();
        Facial.IsPerformedBy(Practitioner("named-by-service") with { Deleted = true }).ShouldBeFalse();
    }
}
