using System.Text.Json.Serialization;
using FluentValidation;

namespace MedSpa.Core.Charts;

/// <summary>What a chart documents; neurotoxin and filler points need the lot of what was injected.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartTreatment>))]
public enum ChartTreatment
{
    [JsonStringEnumMemberName("soap")]
    Soap,
    [JsonStringEnumMemberName("neurotoxin")]
    Neurotoxin,
    [JsonStringEnumMemberName("filler")]
    Filler,
    [JsonStringEnumMemberName("laser")]
    Laser,
    [JsonStringEnumMemberName("peel")]
    Peel,
    [JsonStringEnumMemberName("microneedling")]
    Microneedling,
    [JsonStringEnumMemberName("iv-therapy")]
    IvTherapy,
}

/// <summary>The diagram a chart maps its points and zones on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartDiagram>))]
public enum ChartDiagram
{
    [JsonStringEnumMemberName("none")]
    None,
    [JsonStringEnumMemberName("face")]
    Face,
    [JsonStringEnumMemberName("body")]
    Body,
}

/// <summary>A field a chart fills in from what the clinic already knows, when the chart is started.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SmartField>))]
public enum SmartField
{
    [JsonStringEnumMemberName("allergies")]
    Allergies,
    [JsonStringEnumMemberName("last-treatment")]
    LastTreatment,
    [JsonStringEnumMemberName("consent-status")]
    ConsentStatus,
}

[JsonConverter(typeof(JsonStringEnumConverter<ChartFieldType>))]
public enum ChartFieldType
{
    [JsonStringEnumMemberName("text")]
    Text,
    [JsonStringEnumMemberName("long-text")]
    LongText,
    [JsonStringEnumMemberName("choice")]
    Choice,
    [JsonStringEnumMemberName("number")]
    Number,
}

/// <summary>A field of a chart: its default, the phrases a practitioner taps in instead of typing, or a smart source.</summary>
public sealed record ChartField(string Id, string Label, ChartFieldType Type, IReadOnlyList<string>? Options = null, string? Default = null,
    IReadOnlyList<string>? QuickPhrases = null, SmartField? Smart = null);

/// <summary>
/// A chart template: the fields of a kind of treatment note and the diagram it maps on. Seven come with every clinic
/// (<see cref="BuiltInChartTemplates"/>); a clinic adds its own.
/// </summary>
public sealed record ChartTemplate(string Id, string TenantId, string Name, ChartTreatment Treatment, ChartDiagram Diagram, IReadOnlyList<ChartField> Fields,
    bool BuiltIn, DateTimeOffset CreatedAt)
{
    public const string DocumentKind = "chart-template";

    public string Kind => DocumentKind;

    /// <summary>Neurotoxins and fillers are recalled by lot: every point of theirs names one.</summary>
    public bool LotRequired => RecalledByLot(Treatment);

    public static bool RecalledByLot(ChartTreatment treatment) => treatment is ChartTreatment.Neurotoxin or ChartTreatment.Filler;
}

/// <summary>A template as a clinic writes it (the server sets its id, clinic and time).</summary>
public sealed record ChartTemplateContent(string Name, ChartTreatment Treatment, ChartDiagram Diagram, IReadOnlyList<ChartField> Fields)
{
    /// <summary>The fields as kept: labels without the spaces around them.</summary>
    public IReadOnlyList<ChartField> TrimmedFields => [.. Fields.Select(f => f with { Label = f.Label.Trim() })];
}

public sealed class ChartTemplateContentValidator : AbstractValidator<ChartTemplateContent>
{
    /// <summary>The one validator of template content, for adding and editing alike (it holds no state).</summary>
    public static readonly ChartTemplateContentValidator Instance = new();

    public ChartTemplateContentValidator()
    {
        RuleFor(t => t.Name).NotEmpty().WithMessage("Name the template.").MaximumLength(80).Name();
        RuleFor(t => t.Treatment).IsInEnum();
        RuleFor(t => t.Diagram).IsInEnum();
        RuleFor(t => t.Fields).Cascade(CascadeMode.Stop).NotNull().WithMessage("Give the template its fields.")
            .Must(f => f.Count is >= 1 and <= 60).WithMessage("Between 1 and 60 fields.")
            .Must(f => f.All(x => x is not null)).WithMessage("A field cannot be empty.")
            .Must(f => f.Select(x => x.Id).Distinct(StringComparer.Ordinal).Count() == f.Count).WithMessage("Each field needs its own id.");
        RuleForEach(t => t.Fields).Where(f => f is not null).ChildRules(field =>
        {
            field.RuleFor(f => f.Id).NotEmpty().Matches("^[a-zA-Z][a-zA-Z0-9_-]{0,39}$").WithMessage("Letters, digits, - and _; starting with a letter; at most 40.");
            field.RuleFor(f => f.Label).NotEmpty().WithMessage("Give the field a label.").MaximumLength(120).Name();
            field.RuleFor(f => f.Type).IsInEnum();
            field.RuleFor(f => f.Options).Must(o => o is { Count: >= 2 and <= 30 }).When(f => f.Type == ChartFieldType.Choice).WithMessage("A choice needs 2 to 30 options.");
            field.RuleForEach(f => f.Options).NotEmpty().MaximumLength(120).Name();
            field.RuleFor(f => f.Default).MaximumLength(2_000).Text();
            field.RuleFor(f => f.QuickPhrases).Must(q => q is null || q.Count <= 30).WithMessage("At most 30 quick phrases.");
            field.RuleForEach(f => f.QuickPhrases).NotEmpty().MaximumLength(300).Text();
            field.RuleFor(f => f.Smart).IsInEnum().When(f => f.Smart is not null);
        });
    }
}
