using FluentValidation;

namespace MedSpa.Core.Billing;

/// <summary>What a draft may hold: whole minor units, sane quantities, a reason for every discount, no control characters.</summary>
public sealed class InvoiceDraftValidator : AbstractValidator<InvoiceDraft>
{
    public const long MaxAmount = 10_000_000; // 100,000.00

    public InvoiceDraftValidator()
    {
        RuleFor(d => d.Lines).Must(l => l.Count <= 100).WithMessage("At most 100 lines.")
            .Must(l => l.Select(x => x.Id).Distinct().Count() == l.Count).WithMessage("Each line needs its own id.");
        RuleForEach(d => d.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Id).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9_-]+$").WithMessage("Letters, digits, - and _.");
            line.RuleFor(l => l.Description).NotEmpty().WithMessage("Describe the line.").MaximumLength(200).Must(NoControlCharacters).WithMessage("No control characters.");
            line.RuleFor(l => l.Quantity).GreaterThan(0m).WithMessage("More than 0.").LessThanOrEqualTo(10_000m).WithMessage("At most 10,000.")
                .Must(q => decimal.Round(q, 2) == q).WithMessage("At most two decimals.");
            line.RuleFor(l => l.UnitPrice).InclusiveBetween(0, MaxAmount).WithMessage("From 0 to 100,000.00.");
            line.RuleFor(l => l.Discount!).SetValidator(new DiscountValidator()).When(l => l.Discount is not null);
        });
        RuleFor(d => d.Discount!).SetValidator(new DiscountValidator()).When(d => d.Discount is not null);
        RuleFor(d => d.Tips).Must(t => t.Count <= 10).WithMessage("At most 10 tips.")
            .Must(t => t.Select(x => x.PractitionerId).Distinct().Count() == t.Count).WithMessage("One tip per practitioner.");
        RuleForEach(d => d.Tips).ChildRules(tip =>
        {
            tip.RuleFor(t => t.PractitionerId).NotEmpty().WithMessage("Whose tip is it?");
            tip.RuleFor(t => t.Amount).InclusiveBetween(1, MaxAmount).WithMessage("From 0.01 to 100,000.00.");
        });
        RuleFor(d => d.Notes).MaximumLength(2000).Must(n => n is null || NoControlCharacters(n.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal))).WithMessage("No control characters.");
    }

    private static bool NoControlCharacters(string text) => !text.Any(char.IsControl);

    private sealed class DiscountValidator : AbstractValidator<Discount>
    {
        public DiscountValidator()
        {
            RuleFor(d => d.Value).InclusiveBetween(0m, 100m).When(d => d.Kind == DiscountKind.Percent).WithMessage("A percent from 0 to 100.")
                .Must(v => decimal.Round(v, 2) == v).When(d => d.Kind == DiscountKind.Percent).WithMessage("At most two decimals.");
            RuleFor(d => d.Value).InclusiveBetween(0m, MaxAmount).When(d => d.Kind == DiscountKind.Fixed).WithMessage("From 0 to 100,000.00, in minor units.")
                .Must(v => decimal.Truncate(v) == v).When(d => d.Kind == DiscountKind.Fixed).WithMessage("A whole number of minor units (cents).");
            RuleFor(d => d.Reason).NotEmpty().WithMessage("Every discount needs a reason.").MaximumLength(200).Must(r => r is null || !r.Any(char.IsControl)).WithMessage("No control characters.");
        }
    }
}
