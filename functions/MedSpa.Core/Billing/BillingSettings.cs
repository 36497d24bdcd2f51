using FluentValidation;

namespace MedSpa.Core.Billing;

/// <summary>A sales tax the clinic charges, in percent (8.875 is 8.875 %), on the lines marked taxable.</summary>
/// <param name="LocationIds">The locations it is charged at (sales taxes differ by city and state); every location when none are named.</param>
public sealed record TaxRate(string Id, string Name, decimal Percent, IReadOnlyList<string>? LocationIds = null)
{
    public bool AppliesAt(string? locationId) => LocationIds is not { Count: > 0 } || (locationId is not null && LocationIds.Contains(locationId));
}

public enum ProductKind
{
    Neurotoxin,
    Filler,
    Retail,
}

/// <summary>What the desk can add to an invoice besides the visit's service: neurotoxins by the unit, fillers by the syringe, retail items.</summary>
public sealed record BillingProduct(string Id, string Name, ProductKind Kind, Money Price, bool Taxable)
{
    public string Unit => Kind switch
    {
        ProductKind.Neurotoxin => "unit",
        ProductKind.Filler => "syringe",
        _ => "item",
    };
}

/// <summary>
/// The clinic's billing: its tax rates, its price list of products, and how much the front desk may refund on its own
/// (more needs an admin). Every invoice copies the rates it uses, so a later change never alters an invoice issued.
/// </summary>
public sealed record BillingSettings : Settings.IClinicSettings<BillingSettings>
{
    public IReadOnlyList<TaxRate> TaxRates { get; init; } = [];

    public IReadOnlyList<BillingProduct> Products { get; init; } = [];

    /// <summary>The memberships the clinic sells (a member's terms are copied when they join, so a change here affects new members only).</summary>
    public IReadOnlyList<Memberships.MembershipPlan> MembershipPlans { get; init; } = [];

    /// <summary>Refunds up to this much (minor units) by the front desk; above it, an admin.</summary>
    public long DeskRefundLimit { get; init; } = 10_000;

    public string TenantId { get; init; } = "";

    public string Kind => "billing-settings";

    /// <summary>The rates an invoice at this location charges, copied onto it when it opens.</summary>
    public IReadOnlyList<TaxRate> RatesAt(string? locationId) => [.. TaxRates.Where(r => r.AppliesAt(locationId))];

    public static string DocumentId => "billing-settings";

    public static string Called => "the billing settings";

    public BillingSettings ForClinic(string tenantId) => this with { TenantId = tenantId };
}

public sealed class BillingSettingsValidator : AbstractValidator<BillingSettings>
{
    public BillingSettingsValidator()
    {
        RuleFor(s => s.TaxRates).Must(r => r.Count <= 10).WithMessage("At most 10 tax rates.")
            .Must(r => r.Select(t => t.Id).Distinct().Count() == r.Count).WithMessage("Each tax rate needs its own id.");
        RuleForEach(s => s.TaxRates).ChildRules(rate =>
        {
            rate.RuleFor(t => t.Id).NotEmpty().MaximumLength(40).Matches("^[a-z0-9-]+$").WithMessage("Lower-case letters, digits and dashes.");
            rate.RuleFor(t => t.Name).NotEmpty().WithMessage("Name the tax.").MaximumLength(60);
            rate.RuleFor(t => t.Percent).InclusiveBetween(0m, 30m).WithMessage("Between 0 and 30 percent.")
                .Must(p => decimal.Round(p, 4) == p).WithMessage("At most 4 decimals.");
            rate.RuleFor(t => t.LocationIds).Must(ids => ids is null || (ids.Count <= 50 && ids.Distinct().Count() == ids.Count))
                .WithMessage("At most 50 locations, each once.");
            rate.RuleForEach(t => t.LocationIds).NotEmpty().MaximumLength(80).Matches("^[A-Za-z0-9_-]+$").WithMessage("A location's id.");
        });
        RuleFor(s => s.Products).Must(p => p.Count <= 200).WithMessage("At most 200 products.")
            .Must(p => p.Select(x => x.Id).Distinct().Count() == p.Count).WithMessage("Each product needs its own id.");
        RuleForEach(s => s.Products).ChildRules(product =>
        {
            product.RuleFor(p => p.Id).NotEmpty().MaximumLength(40).Matches("^[a-z0-9-]+$").WithMessage("Lower-case letters, digits and dashes.");
            product.RuleFor(p => p.Name).NotEmpty().WithMessage("Name the product.").MaximumLength(80);
            product.RuleFor(p => p.Price).NotNull().Must(m => m is { Amount: >= 0 and <= 10_000_000 } && Money.IsCurrencyCode(m.Currency))
                .WithMessage("A price from 0 to 100,000.00 in a three-letter currency.");
        });
        RuleFor(s => s.MembershipPlans).Must(p => p.Count <= 20).WithMessage("At most 20 membership plans.")
            .Must(p => p.Select(x => x.Id).Distinct().Count() == p.Count).WithMessage("Each plan needs its own id.");
        RuleForEach(s => s.MembershipPlans).ChildRules(plan =>
        {
            plan.RuleFor(p => p.Id).NotEmpty().MaximumLength(40).Matches("^[a-z0-9-]+$").WithMessage("Lower-case letters, digits and dashes.");
            plan.RuleFor(p => p.Name).NotEmpty().WithMessage("Name the plan.").MaximumLength(80).Must(PlainText.IsName).WithMessage(PlainText.NameMessage);
            plan.RuleFor(p => p.Price).NotNull().Must(m => m is { Amount: > 0 and <= 10_000_000 } && Money.IsCurrencyCode(m.Currency))
                .WithMessage("A price above 0, up to 100,000.00, in a three-letter currency.");
            plan.RuleFor(p => p.Interval).IsInEnum().WithMessage("Monthly or yearly.");
            plan.RuleFor(p => p.Benefits).MaximumLength(500).Must(PlainText.IsText).WithMessage(PlainText.TextMessage);
        });
        RuleFor(s => s.DeskRefundLimit).InclusiveBetween(0, 10_000_000).WithMessage("From 0 to 100,000.00.");
    }
}

public sealed class BillingSettingsStore(IDocumentStore store, IValidator<BillingSettings> validator) : Settings.ClinicSettingsStore<BillingSettings>(store, validator);
