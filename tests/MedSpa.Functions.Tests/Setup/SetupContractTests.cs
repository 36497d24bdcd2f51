using System.Reflection;
using MedSpa.Functions.Setup.Contracts;

namespace MedSpa.Functions.Tests.Setup;

/// <summary>
/// The setup API's contracts stay in step with the domain: every field a client may edit is on the contract (a domain
/// property added without one would be dropped from every write without a word), each maps to itself both ways, and
/// what the server owns cannot be set from a request body.
/// </summary>
public sealed class SetupContractTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Fields the store stamps (or derives) on every write; a client never sets them.</summary>
    private static readonly string[] ServerOwned =
        [nameof(SetupItem.Id), nameof(SetupItem.TenantId), nameof(SetupItem.Deleted), nameof(SetupItem.CreatedAt), nameof(SetupItem.UpdatedAt)];

    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(Location), typeof(LocationContract) },
        { typeof(StaffMember), typeof(StaffMemberContract) },
        { typeof(Service), typeof(ServiceContract) },
        { typeof(Room), typeof(RoomContract) },
        { typeof(Equipment), typeof(EquipmentContract) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_editable_domain_field_is_on_the_contract(Type item, Type contract)
    {
        var editable = item.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && !ServerOwned.Contains(p.Name))
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal);
        var onTheWire = contract.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal);

        onTheWire.ShouldBe(editable);
    }

    [Fact]
    public void Each_contract_maps_every_field_to_itself_both_ways()
    {
        // Distinct values per field, so a field mapped to its neighbour (buffer before ↔ after) shows.
        var location = new Location
        {
            Name = "Downtown", Phone = "+14155550100", Address = new("1 Main St", "Suite 2", "Austin", "TX", "78701", "US"), TimeZone = "America/Chicago",
            OpeningHours = [new(DayOfWeek.Monday, "09:00", "17:00")], Closures = [new("2026-12-25", "Holiday")],
        };
        var staff = new StaffMember
        {
            FirstName = "Ana", LastName = "Ruiz", Email = "ana@example.com", Role = StaffRole.Practitioner,
            Practitioner = new() { Bio = "RN", Certifications = [new("RN licence", "2030-01-01")], Tags = ["injector"] },
            WorkingHours = [new("loc-1", DayOfWeek.Tuesday, "10:00", "18:00")], TimeOff = [new(Noon, Noon.AddHours(2), "Dentist")],
            WorkingExceptions = [new("2026-12-24", "loc-1", null, null)],
        };
        var service = new Service
        {
            Name = "Filler", Category = "Injectables", Description = "Lips", DurationMinutes = 45, BufferBeforeMinutes = 5, BufferAfterMinutes = 10,
            Price = new(60_000, "USD"), Deposit = new(DepositKind.Percent, Percent: 20m), RoomType = "treatment", EquipmentTypes = ["laser"],
            RequiredFormIds = ["form-1"], RequiredConsentIds = ["consent-1"], OnlineBookable = true, RequiresConsultation = true,
            PractitionerIds = ["staff-1"], RequiredCertifications = ["RN licence"],
        };
        var room = new Room { Name = "Room 1", Type = "treatment", LocationId = "loc-1", Capacity = 2 };
        var equipment = new Equipment { Name = "Laser A", Type = "laser", LocationId = "loc-1", MaintenanceWindows = [new(Noon, Noon.AddHours(1), "Service")] };

        LocationContract.From(location).ToItem().ShouldBe(location);
        StaffMemberContract.From(staff).ToItem().ShouldBe(staff);
        ServiceContract.From(service).ToItem().ShouldBe(service);
        RoomContract.From(room).ToItem().ShouldBe(room);
        EquipmentContract.From(equipment).ToItem().ShouldBe(equipment);
    }

    [Fact]
    public async Task Server_owned_and_storage_fields_in_a_body_are_ignored()
    {
        var body = new JsonObject
        {
            ["name"] = "Treatment Room 9",
            ["type"] = "treatment",
            ["locationId"] = await FirstLocationIdAsync(),
            ["capacity"] = 1,
            ["id"] = "room-chosen-by-client",
            ["tenantId"] = ApiHost.OtherTenant,
            ["deleted"] = true,
            ["createdAt"] = "2001-01-01T00:00:00Z",
            ["kind"] = "location",
            ["searchText"] = "planted",
            ["sortName"] = "aaa",
        };

        var response = await api.AsAdmin().PostAsJsonAsync("/api/rooms", body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.JsonAsync();
        created["id"]!.GetValue<string>().ShouldNotBe("room-chosen-by-client");
        created["deleted"]!.GetValue<bool>().ShouldBeFalse();
        created["createdAt"]!.GetValue<DateTimeOffset>().Year.ShouldBeGreaterThan(2001);

        // Read back: it is the demo clinic's room, found by its own name, not by the planted search text.
        var found = await (await api.AsAdmin().GetAsync("/api/rooms?q=room%209")).JsonAsync();
        found["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ShouldBe([created["id"]!.GetValue<string>()]);
        (await (await api.AsAdmin().GetAsync("/api/rooms?q=planted")).JsonAsync())["items"]!.AsArray().ShouldBeEmpty();
        (await api.As($"admin@{ApiHost.Other}").GetAsync($"/api/rooms/{created["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<string> FirstLocationIdAsync() =>
        (await (await api.AsAdmin().GetAsync("/api/locations")).JsonAsync())["items"]![0]!["id"]!.GetValue<string>();
}
