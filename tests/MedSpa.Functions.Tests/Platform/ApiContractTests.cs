namespace MedSpa.Functions.Tests.Platform;

/// <summary>
/// The wire shape of what the API answers, pinned: the JSON property paths of each resource as the demo clinic's items
/// carry them. Each setup resource has its own contract record (Setup/Contracts), but the small value records inside it
/// (address, hours, money...) are shared with the domain, so renaming one of their properties would change the API
/// without a compile error; this test makes such a change loud. Storage-only fields never go out.
/// </summary>
public sealed class ApiContractTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly string[] StorageOnly = ["pk", "tenantId", "searchText", "sortName", "kind"];
    private static readonly char[] PathSeparators = ['.', '['];

    public static TheoryData<string, string> Resources => new()
    {
        {
            "locations",
            "address, address.city, address.country, address.line1, address.postalCode, address.region, closures, closures[].date, closures[].reason, "
            + "createdAt, deleted, displayName, etag, id, name, openingHours, openingHours[].close, openingHours[].day, openingHours[].open, phone, timeZone, updatedAt"
        },
        {
            "staff",
            "createdAt, deleted, displayName, email, etag, firstName, id, lastName, practitioner, practitioner.bio, practitioner.certifications, "
            + "practitioner.certifications[].expiresOn, practitioner.certifications[].name, practitioner.tags, role, timeOff, updatedAt, workingExceptions, "
            + "workingHours, workingHours[].day, workingHours[].end, workingHours[].locationId, workingHours[].start"
        },
        {
            "services",
            "bufferAfterMinutes, bufferBeforeMinutes, category, createdAt, deleted, deposit, deposit.amount, deposit.amount.amount, deposit.amount.currency, "
            + "deposit.kind, deposit.percent, description, displayName, durationMinutes, equipmentTypes, etag, id, name, onlineBookable, practitionerIds, price, "
            + "price.amount, price.currency, requiredCertifications, requiredConsentIds, requiredFormIds, requiresConsultation, roomType, updatedAt"
        },
        { "rooms", "capacity, createdAt, deleted, displayName, etag, id, locationId, name, type, updatedAt" },
        { "equipment", "createdAt, deleted, displayName, etag, id, locationId, maintenanceWindows, name, type, updatedAt" },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_resource_answers_with_its_pinned_property_paths_and_no_storage_fields(string resource, string expected)
    {
        var page = await (await api.AsAdmin().GetAsync($"/api/{resource}?pageSize=500")).JsonAsync();
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in page["items"]!.AsArray())
        {
            Collect(item, "", paths);
        }

        string.Join(", ", paths).ShouldBe(expected);
        paths.Select(p => p.Split(PathSeparators)[0]).Intersect(StorageOnly).ShouldBeEmpty();
    }

    private static void Collect(JsonNode? node, string prefix, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                    paths.Add(path);
                    Collect(value, path, paths);
                }

                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    if (element is JsonObject)
                    {
                        Collect(element, prefix + "[]", paths);
                    }
                }

                break;
        }
    }
}
