using System.Text.Json.Serialization;
using MedSpa.Core.Billing;

namespace MedSpa.Functions.Billing;

/// <summary>The clinic's tax rates, price list, membership plans and refund limit: the desk reads them at checkout, admins change them.</summary>
public sealed class BillingSettingsFunctions(BillingSettingsStore settings)
{
    [Function("GetBillingSettings")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinic/billing")] HttpRequest request, FunctionContext context) =>
        SettingsDoorway.ReadAsync(request, settings, context.GetCaller().TenantId, BillingSettingsContract.From, context.CancellationToken);

    [Function("UpdateBillingSettings")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "clinic/billing")] HttpRequest request, FunctionContext context) =>
        SettingsDoorway.SaveAsync(request, context, settings, (BillingSettingsContract body) => body.ToSettings(), BillingSettingsContract.From);
}

public sealed record MembershipPlanContract([property: JsonRequired] string Id, [property: JsonRequired] string Name, [property: JsonRequired] Money Price, [property: JsonRequired] string Interval, string? Benefits);

public sealed record BillingProductContract([property: JsonRequired] string Id, [property: JsonRequired] string Name, [property: JsonRequired] string Kind, [property: JsonRequired] Money Price, [property: JsonRequired] bool Taxable);

/// <summary>The settings on the wire: every one required, so a save cannot reset a setting the client left out.</summary>
public sealed record BillingSettingsContract(
    [property: JsonRequired] IReadOnlyList<TaxRate?> TaxRates,
    [property: JsonRequired] IReadOnlyList<BillingProductContract?> Products,
    [property: JsonRequired] IReadOnlyList<MembershipPlanContract?> MembershipPlans,
    [property: JsonRequired] long DeskRefundLimit)
{
    /// <summary>Unknown kinds and empty entries become entries the validator refuses with the field's name.</summary>
    public BillingSettings ToSettings() => new()
    {
        TaxRates = [.. TaxRates.Select(r => r ?? new TaxRate("", "", -1))],
        Products = [.. Products.Select(p => p is null
            ? new BillingProduct("", "", ProductKind.Retail, new Money(-1, "?"), false)
            : new BillingProduct(p.Id, WireNames.Parse<ProductKind>(p.Kind) is null ? "" : p.Name, WireNames.Parse<ProductKind>(p.Kind) ?? ProductKind.Retail, p.Price, p.Taxable))],
        MembershipPlans = [.. MembershipPlans.Select(p => p is null
            ? new Core.Memberships.MembershipPlan("", "", new Money(-1, "?"), (Core.Memberships.MembershipInterval)(-1))
            : new Core.Memberships.MembershipPlan(p.Id, p.Name, p.Price, WireNames.Parse<Core.Memberships.MembershipInterval>(p.Interval) ?? (Core.Memberships.MembershipInterval)(-1), p.Benefits))],
        DeskRefundLimit = DeskRefundLimit,
    };

    public static BillingSettingsContract From(BillingSettings settings) => new(
        [.. settings.TaxRates],
        [.. settings.Products.Select(p => new BillingProductContract(p.Id, p.Name, WireNames.Of(p.Kind), p.Price, p.Taxable))],
        [.. settings.MembershipPlans.Select(p => new MembershipPlanContract(p.Id, p.Name, p.Price, WireNames.Of(p.Interval), p.Benefits))],
        settings.DeskRefundLimit);
}
