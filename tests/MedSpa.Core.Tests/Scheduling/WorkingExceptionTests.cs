namespace MedSpa.Core.Tests.Scheduling;

/// <summary>Dated exceptions to a practitioner's weekly hours: a day off, other hours, or a day at another location.</summary>
public sealed class WorkingExceptionTests
{
    private const string Day = "2026-06-10"; // a Wednesday

    [Fact]
    public void A_day_off_exception_empties_that_date_only()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "17:00").Practitioner("anna", m => m with
        {
            WorkingExceptions = [new WorkingException(Day, Clinic.LocationId, null, null)],
        });

        clinic.Find(Day).ShouldBeEmpty();
        clinic.Find("2026-06-17").ShouldNotBeEmpty();
    }

    [Fact]
    public void Other_hours_on_a_date_replace_the_weekly_hours_for_that_date()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "17:00")
            .Practitioner("anna", m => m with { WorkingExceptions = [new WorkingException(Day, Clinic.LocationId, "14:00", "16:00")] }, start: "09:00", end: "17:00");

        clinic.Times(clinic.Find(Day)).ShouldBe(["14:00", "14:15", "14:30", "14:45", "15:00"]);
    }

    [Fact]
    public void An_extra_day_makes_someone_bookable_where_they_have_no_weekly_hours()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "17:00").Practitioner("anna", m => m with
        {
            WorkingHours = [],
            WorkingExceptions = [new WorkingException(Day, Clinic.LocationId, "10:00", "12:00")],
        });

        clinic.Times(clinic.Find(Day)).ShouldBe(["10:00", "10:15", "10:30", "10:45", "11:00"]);
        clinic.Find("2026-06-17").ShouldBeEmpty();
    }

    [Fact]
    public void An_exception_needs_both_times_or_neither()
    {
        var staff = new StaffMember
        {
            FirstName = "Anna",
            LastName = "P",
            Email = "anna@clinic.test",
            Role = StaffRole.FrontDesk,
            WorkingExceptions = [new WorkingException("2026-06-10", "loc", "10:00", null)],
        };

        MedSpa.Core.Common.FieldErrors.From(new StaffMemberValidator().Validate(staff)).FieldErrors.Keys.ShouldContain("workingExceptions[0].end");
    }
}
