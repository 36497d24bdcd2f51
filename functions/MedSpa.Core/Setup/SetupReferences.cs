namespace MedSpa.Core.Setup;

/// <summary>The ids an item points at, with the field that holds each, so a save can refuse dangling references.</summary>
public static class SetupReferences
{
    public sealed record Reference(string Field, string Kind, string Id);

    public static IEnumerable<Reference> Of(SetupItem item) => item switch
    {
        Room room => [new("locationId", "location", room.LocationId)],
        Equipment equipment => [new("locationId", "location", equipment.LocationId)],
        Service service => service.PractitionerIds.Select((id, i) => new Reference($"practitionerIds[{i}]", "staff", id)),
        StaffMember staff => staff.WorkingHours.Select((h, i) => new Reference($"workingHours[{i}].locationId", "location", h.LocationId))
            .Concat((staff.WorkingExceptions ?? []).Select((x, i) => new Reference($"workingExceptions[{i}].locationId", "location", x.LocationId))),
        _ => [],
    };
}
