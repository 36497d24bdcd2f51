namespace MedSpa.Core.Tests.Setup;

public sealed class SetupValidatorTests
{
    private static Service AFacial() => new()
    {
        Name = "Facial",
        Category = "Facial",
        Description = "",
        DurationMinutes = 60,
        Price = new Money(20_000, "USD"),
    };

    private static IEnumerable<string> Errors<T>(FluentValidation.IValidator<T> validator, T item) =>
        FieldErrors.From(validator.Validate(item)).FieldErrors.Keys;

    [Fact]
    public void A_plain_service_is_valid() => Errors(new ServiceValidator(), AFacial()).ShouldBeEmpty();

    [Fact]
    public void A_fixed_deposit_cannot_exceed_the_price_or_change_currency()
    {
        var service = AFacial() with { Deposit = new DepositRule(DepositKind.Fixed, new Money(25_000, "EUR")) };

        Errors(new ServiceValidator(), service).ShouldBe(["deposit.amount.currency", "deposit.amount.amount"], ignoreOrder: true);
    }

    [Fact]
    public void A_percent_deposit_needs_a_percentage_between_1_and_100() =>
        Errors(new ServiceValidator(), AFacial() with { Deposit = new DepositRule(DepositKind.Percent, Percent: 150) }).ShouldBe(["deposit.percent"]);

    [Fact]
    public void Durations_and_buffers_stay_within_a_clinic_day() =>
        Errors(new ServiceValidator(), AFacial() with { DurationMinutes = 0, BufferAfterMinutes = -5 }).ShouldBe(["durationMinutes", "bufferAfterMinutes"], ignoreOrder: true);

    [Fact]
    public void A_location_needs_an_iana_zone_and_each_weekday_once()
    {
        var location = new Location
        {
            Name = "Downtown",
            Address = new Address("1 Main St", null, "Austin", "TX", "78701", "US"),
            TimeZone = "Central Standard Time",
            OpeningHours = [new OpeningHours(DayOfWeek.Monday, "09:00", "17:00"), new OpeningHours(DayOfWeek.Monday, "10:00", "18:00")],
        };

        Errors(new LocationValidator(), location).ShouldBe(["timeZone", "openingHours"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Adelaide")]
    [InlineData("America/St_Johns")]
    public void Half_hour_zones_are_accepted(string zone)
    {
        var location = new Location { Name = "Clinic", Address = new Address("1 St", null, "City", "Region", "0000", "IN"), TimeZone = zone };

        Errors(new LocationValidator(), location).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("9:00")]
    [InlineData("24:00")]
    [InlineData("13:60")]
    public void Opening_times_are_24_hour_clock_times(string open)
    {
        var location = new Location
        {
            Name = "Clinic",
            Address = new Address("1 St", null, "City", "Region", "0000", "US"),
            TimeZone = "America/New_York",
            OpeningHours = [new OpeningHours(DayOfWeek.Tuesday, open, "23:00")],
        };

        Errors(new LocationValidator(), location).ShouldContain("openingHours[0].open");
    }

    [Fact]
    public void A_practitioner_needs_their_practitioner_details()
    {
        var staff = new StaffMember { FirstName = "Ana", LastName = "Lee", Email = "ana@clinic.test", Role = StaffRole.Practitioner };

        Errors(new StaffMemberValidator(), staff).ShouldBe(["practitioner"]);
    }


    [Fact]
    public void Rooms_point_at_their_location_and_references_are_listed_for_checking()
    {
        var references = SetupReferences.Of(new StaffMember { WorkingHours = [new WorkingHours("location-9", DayOfWeek.Monday, "09:00", "10:00")] }).ToList();

        references.ShouldBe([new SetupReferences.Reference("workingHours[0].locationId", "location", "location-9")]);
    }
}
