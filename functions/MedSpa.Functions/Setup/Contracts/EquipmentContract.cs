namespace MedSpa.Functions.Setup.Contracts;

/// <summary>A piece of equipment as the API shows it and takes it. A missing list reads as empty.</summary>
public sealed record EquipmentContract(string Name = "", string Type = "", string LocationId = "", IReadOnlyList<MaintenanceWindow>? MaintenanceWindows = null)
    : ISetupContract<Equipment, EquipmentContract>
{
    public Equipment ToItem() => new() { Name = Name, Type = Type, LocationId = LocationId, MaintenanceWindows = MaintenanceWindows ?? [] };

    public static EquipmentContract From(Equipment item) => new(item.Name, item.Type, item.LocationId, item.MaintenanceWindows);
}
