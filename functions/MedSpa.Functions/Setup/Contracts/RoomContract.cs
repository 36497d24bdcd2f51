namespace MedSpa.Functions.Setup.Contracts;

/// <summary>A room as the API shows it and takes it.</summary>
public sealed record RoomContract(string Name = "", string Type = "", string LocationId = "", int Capacity = 1) : ISetupContract<Room, RoomContract>
{
    public Room ToItem() => new() { Name = Name, Type = Type, LocationId = LocationId, Capacity = Capacity };

    public static RoomContract From(Room item) => new(item.Name, item.Type, item.LocationId, item.Capacity);
}
