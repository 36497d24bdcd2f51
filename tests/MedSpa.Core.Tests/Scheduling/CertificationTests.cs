namespace MedSpa.Core.Tests.Scheduling;

/// <summary>A service that needs a certification is offered only with practitioners who hold it, unexpired, on the day.</summary>
public sealed class CertificationTests
{
    private static Func<StaffMember, StaffMember> Holding(string name, string expiresOn) =>
        m => m with { Practitioner = new PractitionerDetails { Certifications = [new Certification(name, expiresOn)] } };

    private static Clinic Injectables() => Clinic.InNewYork().Open("09:00", "11:00")
        .Service(s => s with { RequiredCertifications = ["RN licence"] });

    [Fact]
    public void A_practitioner_whose_licence_has_expired_is_not_offered()
    {
        var clinic = Injectables().Practitioner("anna", Holding("RN licence", "2026-06-09")).Practitioner("ben", Holding("rn LICENCE", "2027-01-01"));

        clinic.Find("2026-06-10").SelectMany(s => s.PractitionerIds).Distinct().ShouldBe(["ben"]);
        clinic.Check("2026-06-10 09:00", practitionerId: "anna").IsAvailable.ShouldBeFalse();
    }

    [Fact]
    public void A_licence_counts_through_its_expiry_day_and_not_after()
    {
        var clinic = Injectables().Practitioner("anna", Holding("RN licence", "2026-06-10"));

        clinic.Find("2026-06-10").ShouldNotBeEmpty();
        clinic.Find("2026-06-11").ShouldBeEmpty();
    }

    [Fact]
    public void Without_the_certification_at_all_a_practitioner_is_never_offered_for_the_service()
    {
        var clinic = Injectables().Practitioner("anna").Practitioner("ben", Holding("RN licence", "2030-01-01"));

        clinic.Find("2026-06-10", "2026-06-16").ShouldAllBe(s => s.PractitionerIds.SequenceEqual(new[] { "ben" }));
    }

    [Fact]
    public void A_service_that_needs_nothing_ignores_certifications()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "10:00").Practitioner("anna", Holding("RN licence", "2020-01-01"));

        clinic.Find("2026-06-10").ShouldNotBeEmpty();
    }
}
