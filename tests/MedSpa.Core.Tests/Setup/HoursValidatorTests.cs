namespace MedSpa.Core.Tests.Setup;

/// <summary>Opening and working hours: 24:00 closes at midnight, an end before the start runs past midnight.</summary>
public sealed class HoursValidatorTests
{
    private static Location Opening(string open, string close) => new()
    {
        Name = "Clinic",
        Address = new Address("1 St", null, "City", "Region", "0000", "US"),
        TimeZone = "America/New_York",
        OpeningHours = [new OpeningHours(DayOfWeek.Friday, open, close)],
    };

    private static StaffMember Working(string start, string end) => new()
    {
        FirstName = "Ana",
        LastName = "Lee",
        Email = "ana@clinic.test",
        Role = StaffRole.FrontDesk,
        WorkingHours = [new WorkingHours("location-1", DayOfWeek.Friday, start, end)],
    };

    private static StaffMember Excepted(string start, string end) => new()
    {
        FirstName = "Ana",
        LastName = "Lee",
        Email = "ana@clinic.test",
        Role = StaffRole.FrontDesk,
        WorkingExceptions = [new WorkingException("2026-06-12", "location-1", start, end)],
    };

    private static IEnumerable<string> Errors<T>(FluentValidation.IValidator<T> validator, T item) =>
        FieldErrors.From(validator.Validate(item)).FieldErrors.Keys;

    [Theory]
    [InlineData("09:00", "24:00")]
    [InlineData("00:00", "24:00")] // the whole day: exactly 24 hours
    [InlineData("18:00", "01:00")] // an evening clinic running past midnight
    [InlineData("18:00", "00:00")] // overnight to midnight, the same as 24:00
    [InlineData("09:30", "09:29")] // 23 h 59 min overnight
    public void Opening_hours_may_close_at_midnight_or_run_past_it(string open, string close) =>
        Errors(new LocationValidator(), Opening(open, close)).ShouldBeEmpty();

    [Theory]
    [InlineData("14:00", "24:00")]
    [InlineData("22:00", "06:00")]
    public void Working_hours_may_end_at_midnight_or_run_overnight(string start, string end) =>
        Errors(new StaffMemberValidator(), Working(start, end)).ShouldBeEmpty();

    [Theory]
    [InlineData("20:00", "24:00")]
    [InlineData("20:00", "02:00")]
    public void A_working_exception_may_end_at_midnight_or_run_overnight(string start, string end) =>
        Errors(new StaffMemberValidator(), Excepted(start, end)).ShouldBeEmpty();

    [Theory]
    [InlineData("09:00", "09:00")] // empty
    [InlineData("00:00", "00:00")] // empty, not "all day": use 00:00–24:00
    [InlineData("09:00", "24:01")]
    [InlineData("09:00", "25:00")]
    [InlineData("09:00", "9:30")]
    [InlineData("09:00", "17:60")]
    [InlineData("09:00", "")]
    public void A_closing_time_equal_to_opening_or_malformed_is_rejected(string open, string close) =>
        Errors(new LocationValidator(), Opening(open, close)).ShouldBe(["openingHours[0].close"]);

    [Theory]
    [InlineData("24:00")]
    [InlineData("24:01")]
    [InlineData("7:00")]
    public void An_opening_time_of_24_00_or_malformed_is_rejected(string open) =>
        Errors(new LocationValidator(), Opening(open, "23:00")).ShouldContain("openingHours[0].open");

    [Theory]
    [InlineData("17:00", "17:00")]
    [InlineData("24:00", "06:00")]
    [InlineData("08:00", "24:30")]
    public void Working_hours_that_are_empty_or_malformed_are_rejected(string start, string end) =>
        Errors(new StaffMemberValidator(), Working(start, end)).ShouldNotBeEmpty();

    [Fact]
    public void Working_hours_with_equal_start_and_end_point_at_the_end() =>
        Errors(new StaffMemberValidator(), Working("17:00", "17:00")).ShouldBe(["workingHours[0].end"]);

    [Fact]
    public void A_working_exception_with_equal_start_and_end_is_rejected() =>
        Errors(new StaffMemberValidator(), Excepted("10:00", "10:00")).ShouldBe(["workingExceptions[0].end"]);

    [Fact]
    public void The_error_explains_how_to_write_hours_past_midnight()
    {
        var errors = FieldErrors.From(new LocationValidator().Validate(Opening("09:00", "09:00"))).FieldErrors;

        errors["openingHours[0].close"].ShouldHaveSingleItem().ShouldContain("past midnight");
    }
}
