using FluentValidation;

namespace MedSpa.Core.Charts;

/// <summary>
/// A point where something was injected, on one view of the diagram, at (X, Y) as fractions of the drawing's width and
/// height (so it sits where it was put at any size). Units for neurotoxins, millilitres for fillers.
/// </summary>
public sealed record InjectionPoint(string Id, string View, double X, double Y, string Product, decimal? Units = null, decimal? Millilitres = null,
    string? Dilution = null, string? Depth = null, string? Technique = null, string? Device = null, string? Lot = null, string? Area = null);

public sealed record MapPoint(double X, double Y);

/// <summary>An area treated as a whole (a laser pass, a peel), outlined on one view.</summary>
public sealed record TreatmentZone(string Id, string View, IReadOnlyList<MapPoint> Outline, string Area, string Treatment, string? Settings = null);

/// <summary>What was used, added up: per product (and lot), and per area.</summary>
public sealed record ProductTotal(string Product, string? Lot, decimal Units, decimal Millilitres);

public sealed record AreaTotal(string Area, decimal Units, decimal Millilitres);

/// <summary>The chart's map: vector data (points and outlines), never a picture, so it can be totalled, copied and redrawn.</summary>
public sealed record FaceMap(IReadOnlyList<InjectionPoint> Points, IReadOnlyList<TreatmentZone> Zones)
{
    public static FaceMap Empty { get; } = new([], []);

    /// <summary>The views a diagram has.</summary>
    public static readonly IReadOnlySet<string> Views = new HashSet<string>(StringComparer.Ordinal) { "front", "left", "right", "body-front", "body-back" };

    public IReadOnlyList<ProductTotal> ByProduct() =>
        [.. Points.GroupBy(p => (p.Product, p.Lot)).OrderBy(g => g.Key.Product, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key.Lot, StringComparer.Ordinal)
            .Select(g => new ProductTotal(g.Key.Product, g.Key.Lot, g.Sum(p => p.Units ?? 0), g.Sum(p => p.Millilitres ?? 0)))];

    public IReadOnlyList<AreaTotal> ByArea() =>
        [.. Points.GroupBy(p => p.Area ?? "Unspecified").OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new AreaTotal(g.Key, g.Sum(p => p.Units ?? 0), g.Sum(p => p.Millilitres ?? 0)))];

    /// <summary>Last visit's points for a repeat treatment: where and how much, with new ids and no lots (today's vials are others).</summary>
    public FaceMap CopiedForNextVisit() => new([.. Points.Select(p => p with { Id = $"point-{Guid.NewGuid():N}", Lot = null })], []);
}

public sealed class FaceMapValidator : AbstractValidator<FaceMap>
{
    public FaceMapValidator(bool lotRequired)
    {
        RuleFor(m => m.Points).Cascade(CascadeMode.Stop).NotNull().WithMessage("Send the points (an empty list when there are none).")
            .Must(p => p.Count <= 300).WithMessage("At most 300 points on one chart.")
            .Must(p => p.All(x => x is not null)).WithMessage("A point cannot be empty.")
            .Must(p => p.Select(x => x.Id).Distinct(StringComparer.Ordinal).Count() == p.Count).WithMessage("Each point needs its own id.");
        RuleFor(m => m.Zones).Cascade(CascadeMode.Stop).NotNull().WithMessage("Send the zones (an empty list when there are none).")
            .Must(z => z.Count <= 50).WithMessage("At most 50 zones on one chart.")
            .Must(z => z.All(x => x is not null)).WithMessage("A zone cannot be empty.");
        RuleForEach(m => m.Points).Where(p => p is not null).ChildRules(point =>
        {
            point.RuleFor(p => p.Id).NotEmpty().MaximumLength(60).Name();
            point.RuleFor(p => p.View).Must(v => Views(v)).WithMessage("One of front, left, right, body-front or body-back.");
            point.RuleFor(p => p.X).InclusiveBetween(0, 1).WithMessage("Between 0 and 1 (a fraction of the drawing's width).");
            point.RuleFor(p => p.Y).InclusiveBetween(0, 1).WithMessage("Between 0 and 1 (a fraction of the drawing's height).");
            point.RuleFor(p => p.Product).NotEmpty().WithMessage("Name the product.").MaximumLength(80).Name();
            point.RuleFor(p => p).Must(p => p.Units is not null || p.Millilitres is not null).OverridePropertyName("Units").WithMessage("Give the units or the millilitres.");
            point.RuleFor(p => p.Units).InclusiveBetween(0.1m, 200m).When(p => p.Units is not null).WithMessage("Between 0.1 and 200 units at one point.");
            point.RuleFor(p => p.Millilitres).InclusiveBetween(0.01m, 10m).When(p => p.Millilitres is not null).WithMessage("Between 0.01 and 10 ml at one point.");
            point.RuleFor(p => p.Lot).NotEmpty().When(_ => lotRequired).WithMessage("Give the lot: neurotoxins and fillers are recalled by lot.");
            point.RuleFor(p => p.Lot).MaximumLength(40).Name();
            point.RuleFor(p => p.Dilution).MaximumLength(80).Name();
            point.RuleFor(p => p.Depth).MaximumLength(80).Name();
            point.RuleFor(p => p.Technique).MaximumLength(80).Name();
            point.RuleFor(p => p.Device).MaximumLength(80).Name();
            point.RuleFor(p => p.Area).MaximumLength(80).Name();
        });
        RuleForEach(m => m.Zones).Where(z => z is not null).ChildRules(zone =>
        {
            zone.RuleFor(z => z.Id).NotEmpty().MaximumLength(60).Name();
            zone.RuleFor(z => z.View).Must(v => Views(v)).WithMessage("One of front, left, right, body-front or body-back.");
            zone.RuleFor(z => z.Outline).Cascade(CascadeMode.Stop).NotNull().WithMessage("Outline the zone.")
                .Must(o => o.Count is >= 3 and <= 100).WithMessage("An outline has 3 to 100 corners.")
                .Must(o => o.All(c => c is not null && c.X is >= 0 and <= 1 && c.Y is >= 0 and <= 1)).WithMessage("Corners lie inside the drawing (0 to 1).");
            zone.RuleFor(z => z.Area).NotEmpty().MaximumLength(80).Name();
            zone.RuleFor(z => z.Treatment).NotEmpty().MaximumLength(80).Name();
            zone.RuleFor(z => z.Settings).MaximumLength(200).Name();
        });
    }

    private static bool Views(string? view) => view is not null && FaceMap.Views.Contains(view);
}
