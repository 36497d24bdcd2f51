using MedSpa.Core.Orchestrations;
using MedSpa.Core.Reporting;

namespace MedSpa.Core.Tests.Reporting;

public sealed class ClinicDaySummaryTests
{
    private static StaffMember Practitioner(string id, string expiresOn, bool deleted = false) => new()
    {
        Id = id,
        FirstName = id,
        LastName = "P",
        Role = StaffRole.Practitioner,
        Deleted = deleted,
        Practitioner = new PractitionerDetails { Certifications = [new Certification("Laser safety", expiresOn)] },
    };

    [Fact]
    public void Certifications_expiring_within_the_renewal_window_are_listed_soonest_first()
    {
        var today = new DateOnly(2026, 11, 22);
        var staff = new[] { Practitioner("a", "2027-01-20"), Practitioner("b", "2026-12-01"), Practitioner("c", "2027-01-22"), Practitioner("d", "2026-12-02", deleted: true) };

        var summary = ClinicDaySummary.Compute("t", today, [], staff, [], 0, DateTimeOffset.UnixEpoch);

        summary.ExpiringCertifications.Select(c => c.StaffId).ShouldBe(["b", "a"]);
        summary.Practitioners.ShouldBe(3);
    }

    [Fact]
    public void Archived_setup_is_not_counted()
    {
        var services = new[] { new Service { Name = "A", OnlineBookable = true, Price = new Money(1, "USD") }, new Service { Name = "B", Deleted = true, Price = new Money(1, "USD") } };

        var summary = ClinicDaySummary.Compute("t", new DateOnly(2026, 1, 1), [new Location(), new Location { Deleted = true }], [], services, 7, DateTimeOffset.UnixEpoch);

        (summary.Locations, summary.Services, summary.OnlineBookableServices, summary.Patients).ShouldBe((1, 1, 1, 7));
    }

    [Fact]
    public void Instance_ids_belong_to_the_clinic_whose_prefix_they_carry()
    {
        var id = InstanceIds.For("demo", "daily-summary", "2026-11-22");

        InstanceIds.BelongsTo(id, "demo").ShouldBeTrue();
        InstanceIds.BelongsTo(id, "dem").ShouldBeFalse();
        InstanceIds.BelongsTo("demo2:x:y", "demo").ShouldBeFalse();
    }
}
