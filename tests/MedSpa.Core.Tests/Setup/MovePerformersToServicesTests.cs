using System.Text.Json.Nodes;

namespace MedSpa.Core.Tests.Setup;

/// <summary>Staff documents stored before who performs a service lived on the service alone: their lists move to the services.</summary>
public sealed class MovePerformersToServicesTests
{
    private const string Tenant = "clinic-a";
    private static readonly DateTimeOffset Then = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryDocumentStore store = new();

    private MovePerformersToServices Move(IDocumentStore? over = null) =>
        new(over ?? store, new FixedClock(Then.AddDays(30)), new ClinicSetupStore(over ?? store));

    private async Task ServiceAsync(string id, string[]? practitionerIds = null, bool deleted = false, string tenant = Tenant) =>
        await store.CreateAsync(Partitions.Clinic, tenant, id, new Service
        {
            Id = id,
            TenantId = tenant,
            Name = id,
            Category = "Facial",
            DurationMinutes = 30,
            Price = new Money(10_000, "USD"),
            PractitionerIds = practitionerIds ?? [],
            Deleted = deleted,
            CreatedAt = Then,
            UpdatedAt = Then,
        });

    /// <summary>A staff document as stored before: practitioner.serviceIds beside the rest of the profile.</summary>
    private async Task OldStaffAsync(string id, string[] serviceIds, bool deleted = false, string tenant = Tenant)
    {
        var created = await store.CreateAsync(Partitions.Clinic, tenant, id, new StaffMember
        {
            Id = id,
            TenantId = tenant,
            FirstName = id,
            LastName = "P",
            Email = $"{id}@clinic.test",
            Role = StaffRole.Practitioner,
            Deleted = deleted,
            Practitioner = new PractitionerDetails { Bio = $"{id} does facials.", Tags = ["esthetics"] },
            CreatedAt = Then,
            UpdatedAt = Then,
        });
        var old = (await store.ReadAsync<JsonObject>(Partitions.Clinic, tenant, id))!;
        old.Body["practitioner"]!["serviceIds"] = new JsonArray([.. serviceIds.Select(s => (JsonNode)s)]);
        await store.ReplaceAsync(Partitions.Clinic, tenant, id, old.Body, created.ETag);
    }

    private async Task<IReadOnlyList<string>> PerformersAsync(string serviceId, string tenant = Tenant) =>
        (await store.ReadAsync<Service>(Partitions.Clinic, tenant, serviceId))!.Body.PractitionerIds;

    private JsonObject StoredPractitioner(string staffId, string tenant = Tenant) =>
        store.Raw(Partitions.Clinic, tenant, staffId)!["practitioner"]!.AsObject();

    [Fact]
    public async Task A_staff_members_old_list_moves_onto_the_services_it_names()
    {
        await ServiceAsync("svc-facial", ["ben"]);
        await ServiceAsync("svc-peel");
        await ServiceAsync("svc-laser");
        await OldStaffAsync("anna", ["svc-facial", "svc-peel"]);

        var outcome = await Move().MoveAsync(Tenant);

        (await PerformersAsync("svc-facial")).ShouldBe(["ben", "anna"]);
        (await PerformersAsync("svc-peel")).ShouldBe(["anna"]);
        (await PerformersAsync("svc-laser")).ShouldBeEmpty();
        outcome.ServicesUpdated.ShouldBe(["svc-facial", "svc-peel"]);
        outcome.StaffRewritten.ShouldBe(["anna"]);
    }

    [Fact]
    public async Task The_staff_document_is_rewritten_without_the_old_list_and_keeps_the_rest()
    {
        await ServiceAsync("svc-facial");
        await OldStaffAsync("anna", ["svc-facial"]);

        await Move().MoveAsync(Tenant);

        var practitioner = StoredPractitioner("anna");
        practitioner.ContainsKey("serviceIds").ShouldBeFalse();
        practitioner["bio"]!.GetValue<string>().ShouldBe("anna does facials.");
        practitioner["tags"]!.AsArray().Single()!.GetValue<string>().ShouldBe("esthetics");
        store.Raw(Partitions.Clinic, Tenant, "anna")!["email"]!.GetValue<string>().ShouldBe("anna@clinic.test");
    }

    [Fact]
    public async Task Running_twice_changes_nothing_the_second_time()
    {
        await ServiceAsync("svc-facial", ["anna"]);
        await ServiceAsync("svc-peel");
        await OldStaffAsync("anna", ["svc-facial", "svc-peel", "svc-peel"]);
        await OldStaffAsync("ben", ["svc-peel"]);
        await Move().MoveAsync(Tenant);
        var writes = store.Writes;
        var facial = store.Raw(Partitions.Clinic, Tenant, "svc-facial")!.ToJsonString();

        var second = await Move().MoveAsync(Tenant);

        second.ChangedNothing.ShouldBeTrue();
        store.Writes.ShouldBe(writes);
        store.Raw(Partitions.Clinic, Tenant, "svc-facial")!.ToJsonString().ShouldBe(facial);
        (await PerformersAsync("svc-facial")).ShouldBe(["anna"]);
        (await PerformersAsync("svc-peel")).ShouldBe(["anna", "ben"]);
    }

    [Fact]
    public async Task A_deleted_or_missing_service_is_skipped_and_reported()
    {
        await ServiceAsync("svc-facial");
        await ServiceAsync("svc-retired", deleted: true);
        await OldStaffAsync("anna", ["svc-retired", "svc-gone", "svc-facial"]);
        var retired = store.Raw(Partitions.Clinic, Tenant, "svc-retired")!.ToJsonString();

        var outcome = await Move().MoveAsync(Tenant);

        store.Raw(Partitions.Clinic, Tenant, "svc-retired")!.ToJsonString().ShouldBe(retired);
        store.Raw(Partitions.Clinic, Tenant, "svc-gone").ShouldBeNull();
        (await PerformersAsync("svc-facial")).ShouldBe(["anna"]);
        outcome.Skipped.ShouldBe(
            [
                new MovePerformersToServices.Skipped("anna", "svc-retired", "the service is deleted"),
                new MovePerformersToServices.Skipped("anna", "svc-gone", "no such service in this clinic"),
            ], ignoreOrder: true);
        StoredPractitioner("anna").ContainsKey("serviceIds").ShouldBeFalse();
    }

    [Fact]
    public async Task An_id_that_names_another_kind_of_item_is_not_a_service()
    {
        await OldStaffAsync("ben", []);
        await OldStaffAsync("anna", ["ben"]);

        var outcome = await Move().MoveAsync(Tenant);

        store.Raw(Partitions.Clinic, Tenant, "ben")!.ContainsKey("practitionerIds").ShouldBeFalse();
        outcome.Skipped.ShouldBe([new MovePerformersToServices.Skipped("anna", "ben", "no such service in this clinic")]);
    }

    [Fact]
    public async Task A_deleted_staff_member_keeps_their_services_for_when_they_are_restored()
    {
        await ServiceAsync("svc-facial");
        await OldStaffAsync("gone", ["svc-facial"], deleted: true);

        await Move().MoveAsync(Tenant);

        (await PerformersAsync("svc-facial")).ShouldBe(["gone"]);
        StoredPractitioner("gone").ContainsKey("serviceIds").ShouldBeFalse();
    }

    [Fact]
    public async Task Another_clinic_is_left_alone()
    {
        await ServiceAsync("svc-facial", tenant: "clinic-b");
        await OldStaffAsync("anna", ["svc-facial"], tenant: "clinic-b");
        var writes = store.Writes;

        (await Move().MoveAsync(Tenant)).ChangedNothing.ShouldBeTrue();

        store.Writes.ShouldBe(writes);
        StoredPractitioner("anna", "clinic-b").ContainsKey("serviceIds").ShouldBeTrue();
    }

    [Fact]
    public async Task A_service_saved_meanwhile_is_read_again_and_both_changes_are_kept()
    {
        await ServiceAsync("svc-facial");
        await OldStaffAsync("anna", ["svc-facial"]);
        var admin = new SavesFirst(store, async () =>
        {
            var service = (await store.ReadAsync<Service>(Partitions.Clinic, Tenant, "svc-facial"))!;
            await store.ReplaceAsync(Partitions.Clinic, Tenant, "svc-facial", service.Body with { Name = "Signature facial", PractitionerIds = ["ben"] }, service.ETag);
        });

        await Move(admin).MoveAsync(Tenant);

        var facial = (await store.ReadAsync<Service>(Partitions.Clinic, Tenant, "svc-facial"))!.Body;
        facial.Name.ShouldBe("Signature facial");
        facial.PractitionerIds.ShouldBe(["ben", "anna"]);
        StoredPractitioner("anna").ContainsKey("serviceIds").ShouldBeFalse();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Someone else saves once, just before the migration's first replace.</summary>
    private sealed class SavesFirst(IDocumentStore inner, Func<Task> save) : IDocumentStore
    {
        private Func<Task>? pending = save;

        public string Kind => inner.Kind;

        public Task<Document<T>?> ReadAsync<T>(string container, string partitionKey, string id, CancellationToken ct = default) =>
            inner.ReadAsync<T>(container, partitionKey, id, ct);

        public Task<Document<T>> CreateAsync<T>(string container, string partitionKey, string id, T body, CancellationToken ct = default) =>
            inner.CreateAsync(container, partitionKey, id, body, ct);

        public async Task<Document<T>> ReplaceAsync<T>(string container, string partitionKey, string id, T body, string ifMatch, CancellationToken ct = default)
        {
            if (Interlocked.Exchange(ref pending, null) is { } first)
            {
                await first();
            }

            return await inner.ReplaceAsync(container, partitionKey, id, body, ifMatch, ct);
        }

        public Task<bool> DeleteAsync(string container, string partitionKey, string id, string? ifMatch = null, CancellationToken ct = default) =>
            inner.DeleteAsync(container, partitionKey, id, ifMatch, ct);

        public Task<DocumentPage<T>> QueryAsync<T>(string container, string partitionKey, DocumentQuery query, CancellationToken ct = default) =>
            inner.QueryAsync<T>(container, partitionKey, query, ct);
    }
}
