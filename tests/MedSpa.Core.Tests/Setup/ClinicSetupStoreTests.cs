namespace MedSpa.Core.Tests.Setup;

/// <summary>
/// A clinic's setup is kept in memory per instance and reloaded when the clinic's setup version moves: unchanged setup
/// is served from memory, and a write through any instance is seen by the next read on every other one.
/// </summary>
public sealed class ClinicSetupStoreTests
{
    private const string Tenant = "clinic-a";

    private static readonly Caller Admin = new("u-admin", "admin@a.test", "Ada Admin", Tenant, Role.Admin);

    private readonly InMemoryDocumentStore _store = new();

    private static Location Downtown(string name = "Downtown") => new()
    {
        Name = name,
        Address = new("1 Main St", null, "Austin", "TX", "78701", "US"),
        TimeZone = "America/Chicago",
        OpeningHours = [new(DayOfWeek.Monday, "09:00", "17:00")],
    };

    private SetupStore<Location> Locations(ClinicSetupStore setup) => new(_store, new LocationValidator(), TimeProvider.System, [], setup);

    [Fact]
    public async Task Unchanged_setup_is_served_from_memory()
    {
        var setup = new ClinicSetupStore(_store);
        await Locations(setup).CreateAsync(Admin, Downtown());

        var first = await setup.LoadAsync(Tenant);
        var second = await setup.LoadAsync(Tenant);

        second.ShouldBeSameAs(first);
        first.Locations.Select(l => l.Name).ShouldBe(["Downtown"]);
    }

    [Fact]
    public async Task A_write_on_another_instance_is_seen_by_the_next_read()
    {
        var here = new ClinicSetupStore(_store);
        var there = new ClinicSetupStore(_store);
        var created = (await Locations(there).CreateAsync(Admin, Downtown())).Value.ShouldNotBeNull();
        (await here.LoadAsync(Tenant)).Locations.Select(l => l.Name).ShouldBe(["Downtown"]);

        var renamed = (await Locations(there).UpdateAsync(Admin, created.Id, Downtown("Uptown"), created.ETag)).Value.ShouldNotBeNull();
        (await here.LoadAsync(Tenant)).Locations.Select(l => l.Name).ShouldBe(["Uptown"]);

        await Locations(there).DeleteAsync(Admin, created.Id, renamed.ETag);
        (await here.LoadAsync(Tenant)).Locations.Single().Deleted.ShouldBeTrue();
    }

    [Fact]
    public async Task A_refused_write_leaves_the_version_alone()
    {
        var setup = new ClinicSetupStore(_store);
        await Locations(setup).CreateAsync(Admin, Downtown());
        var before = await setup.LoadAsync(Tenant);

        var refused = await Locations(setup).CreateAsync(Admin, Downtown() with { TimeZone = "Mars/Olympus" });

        refused.IsSuccess.ShouldBeFalse();
        (await setup.LoadAsync(Tenant)).ShouldBeSameAs(before);
    }

    [Fact]
    public async Task Each_clinic_has_its_own_version()
    {
        var setup = new ClinicSetupStore(_store);
        await Locations(setup).CreateAsync(Admin, Downtown());
        var other = await setup.LoadAsync("clinic-b");

        await Locations(setup).CreateAsync(Admin, Downtown("Second"));

        (await setup.LoadAsync("clinic-b")).ShouldBeSameAs(other);
        (await setup.LoadAsync(Tenant)).Locations.Count.ShouldBe(2);
    }
}
