namespace MedSpa.Core.GiftCards;

/// <summary>A purchase as its buyer (or the clinic's desk) sees it; anyone else is told it does not exist.</summary>
public sealed class ReadGiftCardPurchase(GiftCardPurchaseStore purchases)
{
    public async Task<Result<GiftCardPurchase>> ReadAsync(Caller caller, string purchaseId, CancellationToken ct = default)
    {
        var found = await purchases.GetAsync(caller.TenantId, purchaseId, ct);
        var mayRead = caller.Role is Role.Admin or Role.FrontDesk || (caller.Role == Role.Patient && found?.Body.BuyerPatientId == caller.PatientId);
        return found is not null && mayRead ? found.Body : new Error.NotFound("No such gift card purchase.");
    }
}
