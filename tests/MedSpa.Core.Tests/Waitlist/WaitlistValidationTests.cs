using MedSpa.Core.Waitlist;

namespace MedSpa.Core.Tests.Waitlist;

public sealed class WaitlistValidationTests
{
    // 2026-11-20 23:30 in New York is already the 21st in UTC: "today" is the location's date.
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 4, 30, 0, TimeSpan.Zero);

    private static readonly ClinicSetup Setup = new(
        [new Location { Id = "soho", Name = "SoHo", TimeZone = "America/New_York" }, new Location { Id = "venice", Name = "Venice", TimeZone = "America/Los_Angeles" }],
        [
            new StaffMember { Id = "voss", FirstName = "Elena", LastName = "Voss", Role = StaffRole.Practitioner, WorkingHours = [new WorkingHours("soho", DayOfWeek.Monday, "09:00", "17:00")] },
            new StaffMember { Id = "kim", FirstName = "Hannah", LastName = "Kim", Role = StaffRole.Practitioner, WorkingHours = [new WorkingHours("venice", DayOfWeek.Monday, "09:00", "17:00")] },
        ],
        [new Service { Id = "botox", Name = "Botox", DurationMinutes = 30, Price = new Money(35000, "USD"), PractitionerIds = ["voss"] }],
        [],
        []);

    private static WaitlistRequest Request(string? serviceId = "botox", string? locationId = "soho", string? practitionerId = null, string? from = "2026-11-20",
        string? to = "2026-11-30", IReadOnlyList<string>? times = null) => new(null, serviceId, locationId, practitionerId, from, to, times);

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(Result<WaitlistTerms> result) => result.Error.ShouldBeOfType<Error.Invalid>().FieldErrors;

    [Fact]
    public void A_valid_request_resolves_the_service_and_location_and_defaults_to_any_time_of_day()
    {
        var terms = WaitlistValidation.Validate(Request(times: null), Setup, Now);

        terms.IsSuccess.ShouldBeTrue();
        terms.Value!.Service.Id.ShouldBe("botox");
        terms.Value.FromDate.ShouldBe(new DateOnly(2026, 11, 20));
        terms.Value.TimesOfDay.ShouldBe([DayPart.Morning, DayPart.Afternoon, DayPart.Evening]);
    }

    [Fact]
    public void Missing_fields_are_each_named()
    {
        var errors = ErrorsOf(WaitlistValidation.Validate(Request(serviceId: null, locationId: " ", from: null, to: null), Setup, Now));

        errors.Keys.Order().ShouldBe(["fromDate", "locationId", "serviceId", "toDate"]);
        errors["serviceId"].ShouldBe(["Required."]);
    }

    [Fact]
    public void Unknown_service_and_location_are_field_errors()
    {
        var errors = ErrorsOf(WaitlistValidation.Validate(Request(serviceId: "nope", locationId: "nowhere"), Setup, Now));

        errors["serviceId"].ShouldBe(["No such service in this clinic."]);
        errors["locationId"].ShouldBe(["No such location in this clinic."]);
    }

    [Fact]
    public void A_service_not_offered_at_the_location_is_refused()
    {
        ErrorsOf(WaitlistValidation.Validate(Request(locationId: "venice"), Setup, Now))["locationId"].ShouldBe(["Botox is not offered at Venice."]);
    }

    [Fact]
    public void A_practitioner_who_does_not_offer_the_service_there_is_refused()
    {
        ErrorsOf(WaitlistValidation.Validate(Request(practitionerId: "kim"), Setup, Now)).Keys.ShouldBe(["practitionerId"]);
        WaitlistValidation.Validate(Request(practitionerId: "voss"), Setup, Now).Value!.PractitionerId.ShouldBe("voss");
    }

    [Theory]
    [InlineData("2026-11-19", "2026-11-30", "fromDate", "Must be today or later.")]
    [InlineData("20/11/2026", "2026-11-30", "fromDate", "Use a date like 2026-11-24, between 2000-01-01 and 2100-12-31.")]
    [InlineData("9999-12-30", "9999-12-31", "fromDate", "Use a date like 2026-11-24, between 2000-01-01 and 2100-12-31.")]
    [InlineData("2026-11-25", "2026-11-24", "toDate", "Must be on or after fromDate.")]
    [InlineData("2026-11-25", "2027-06-01", "toDate", "At most 180 days ahead.")]
    public void Dates_are_checked_against_the_locations_today(string from, string to, string field, string message)
    {
        ErrorsOf(WaitlistValidation.Validate(Request(from: from, to: to), Setup, Now))[field].ShouldBe([message]);
    }

    [Fact]
    public void Times_of_day_must_be_morning_afternoon_or_evening()
    {
        ErrorsOf(WaitlistValidation.Validate(Request(times: ["morning", "night"]), Setup, Now)).Keys.ShouldBe(["timesOfDay"]);
        WaitlistValidation.Validate(Request(times: ["Evening", "morning", "evening"]), Setup, Now).Value!.TimesOfDay.ShouldBe([DayPart.Morning, DayPart.Evening]);
    }
}
