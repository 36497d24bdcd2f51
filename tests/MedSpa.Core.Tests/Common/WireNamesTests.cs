using System.Text.Json;

namespace MedSpa.Core.Tests.Common;

public sealed class WireNamesTests
{
    [Fact]
    public void An_enum_is_named_by_its_member_attribute_or_else_in_camel_case()
    {
        WireNames.Of(AppointmentStatus.NoShow).ShouldBe("no-show");
        WireNames.Of(AppointmentStatus.PendingDeposit).ShouldBe("pending-deposit");
        WireNames.Of(BookingSource.WalkIn).ShouldBe("walk-in");
        WireNames.Of(BookingSource.Online).ShouldBe("online");
        WireNames.Of(ClockFormat.TwentyFourHour).ShouldBe("24h");
    }

    [Fact]
    public void Parsing_takes_only_the_exact_wire_name()
    {
        WireNames.Parse<AppointmentStatus>("no-show").ShouldBe(AppointmentStatus.NoShow);
        WireNames.Parse<AppointmentStatus>("NoShow").ShouldBeNull();
        WireNames.Parse<AppointmentStatus>("3").ShouldBeNull();
        WireNames.Parse<AppointmentStatus>(null).ShouldBeNull();
    }

    [Fact]
    public void Every_serializer_writes_a_status_by_its_wire_name_and_refuses_a_number()
    {
        JsonSerializer.Serialize(AppointmentStatus.NoShow).ShouldBe("\"no-show\"");
        JsonSerializer.Deserialize<AppointmentStatus>("\"pending-approval\"").ShouldBe(AppointmentStatus.PendingApproval);
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<AppointmentStatus>("3"));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<AppointmentStatus>("\"NoShow\""));
    }
}
