namespace MedSpa.Functions.Setup.Contracts;

/// <summary>A service as the API shows it and takes it. A missing list reads as empty.</summary>
/// <param name="Price">null! until the validator, which every write runs, requires it (a missing price is a field error, not a parse error).</param>
public sealed record ServiceContract(
    string Name = "",
    string Category = "",
    string Description = "",
    int DurationMinutes = 0,
    int BufferBeforeMinutes = 0,
    int BufferAfterMinutes = 0,
    Money Price = null!,
    DepositRule? Deposit = null,
    string? RoomType = null,
    IReadOnlyList<string>? EquipmentTypes = null,
    IReadOnlyList<string>? RequiredFormIds = null,
    IReadOnlyList<string>? RequiredConsentIds = null,
    bool OnlineBookable = false,
    bool RequiresConsultation = false,
    IReadOnlyList<string>? PractitionerIds = null,
    IReadOnlyList<string>? RequiredCertifications = null) : ISetupContract<Service, ServiceContract>
{
    public Service ToItem() => new()
    {
        Name = Name, Category = Category, Description = Description, DurationMinutes = DurationMinutes,
        BufferBeforeMinutes = BufferBeforeMinutes, BufferAfterMinutes = BufferAfterMinutes, Price = Price, Deposit = Deposit ?? DepositRule.NoDeposit,
        RoomType = RoomType, EquipmentTypes = EquipmentTypes ?? [], RequiredFormIds = RequiredFormIds ?? [], RequiredConsentIds = RequiredConsentIds ?? [],
        OnlineBookable = OnlineBookable, RequiresConsultation = RequiresConsultation,
        PractitionerIds = PractitionerIds ?? [], RequiredCertifications = RequiredCertifications ?? [],
    };

    public static ServiceContract From(Service s) => new(
        s.Name, s.Category, s.Description, s.DurationMinutes, s.BufferBeforeMinutes, s.BufferAfterMinutes, s.Price, s.Deposit, s.RoomType, s.EquipmentTypes,
        s.RequiredFormIds, s.RequiredConsentIds, s.OnlineBookable, s.RequiresConsultation, s.PractitionerIds, s.RequiredCertifications);
}
