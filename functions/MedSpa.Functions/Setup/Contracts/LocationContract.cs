namespace MedSpa.Functions.Setup.Contracts;

/// <summary>A location as the API shows it and takes it. A missing list reads as empty.</summary>
/// <param name="Address">null! until the validator, which every write runs, requires it (a missing address is a field error, not a parse error).</param>
public sealed record LocationContract(
    string Name = "",
    string? Phone = null,
    Address Address = null!,
    string TimeZone = "",
    IReadOnlyList<OpeningHours>? OpeningHours = null,
    IReadOnlyList<Closure>? Closures = null) : ISetupContract<Location, LocationContract>
{
    public Location ToItem() =>
        new() { Name = Name, Phone = Phone, Address = Address, TimeZone = TimeZone, OpeningHours = OpeningHours ?? [], Closures = Closures ?? [] };

    public static LocationContract From(Location item) => new(item.Name, item.Phone, item.Address, item.TimeZone, item.OpeningHours, item.Closures);
}
