using System.Text.RegularExpressions;
using FluentValidation;

namespace MedSpa.Core.Forms;

/// <summary>
/// What a form must be before it can be saved: named, well-formed fields with unique ids, options where a choice needs
/// them, conditions that point at an earlier field and one of its values, and a signature on anything legal.
/// </summary>
public sealed partial class FormContentValidator : AbstractValidator<FormContent>
{
    public const int MaxSections = 20;
    public const int MaxFields = 200;

    public FormContentValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Required.").MaximumLength(120).WithMessage("At most 120 characters.").Name();
        RuleFor(f => f.Description).MaximumLength(2000).WithMessage("At most 2000 characters.").Text();
        RuleFor(f => f.Kind).IsInEnum().WithMessage("One of intake, consent or photoRelease.");
        RuleFor(f => f.LegalText).NotEmpty().WithMessage("Required for a consent: the text the patient agrees to.").When(f => f.IsConsent);
        RuleFor(f => f.LegalText).MaximumLength(20_000).WithMessage("At most 20000 characters.").Text();
        RuleFor(f => f.ExpirationMonths).InclusiveBetween(1, 120).WithMessage("Between 1 and 120 months, or empty for never.");
        RuleFor(f => f.Sections).NotNull().WithMessage("Required.")
            .Must(s => s is { Count: > 0 and <= MaxSections }).WithMessage($"Between 1 and {MaxSections} sections.")
            .Must(s => s is null || s.Sum(x => x.Fields?.Count ?? 0) <= MaxFields).WithMessage($"At most {MaxFields} fields in all.");
        RuleForEach(f => f.Sections).ChildRules(section =>
        {
            section.RuleFor(s => s.Title).NotEmpty().WithMessage("Required.").MaximumLength(120).WithMessage("At most 120 characters.").Name();
            section.RuleFor(s => s.Fields).NotNull().WithMessage("Required.").Must(f => f is null || f.Count > 0).WithMessage("Add at least one field.");
            section.RuleForEach(s => s.Fields).ChildRules(field =>
            {
                field.RuleFor(x => x.Id).NotEmpty().WithMessage("Required.").Must(id => id is null || FieldId().IsMatch(id))
                    .WithMessage("1 to 40 letters, digits, - or _.");
                field.RuleFor(x => x.Type).IsInEnum().WithMessage("One of text, longText, choice, multiChoice, date, number, yesNo, signature, initials, file.");
                field.RuleFor(x => x.Label).NotEmpty().WithMessage("Required.").MaximumLength(500).WithMessage("At most 500 characters.").Text();
                field.RuleFor(x => x.Help).MaximumLength(1000).WithMessage("At most 1000 characters.").Text();
                field.RuleFor(x => x.Options).Must(o => o.Count is >= 2 and <= 30).WithMessage("Between 2 and 30 options.")
                    .When(x => x.Type is FieldType.Choice or FieldType.MultiChoice);
                field.RuleFor(x => x.Options).Must(o => o.Count == 0).WithMessage("Only choice fields have options.")
                    .When(x => x.Type is not (FieldType.Choice or FieldType.MultiChoice));
                field.RuleForEach(x => x.Options).NotEmpty().WithMessage("Required.").MaximumLength(200).WithMessage("At most 200 characters.").Name();
                field.RuleFor(x => x.Options).Must(o => o.Distinct(StringComparer.OrdinalIgnoreCase).Count() == o.Count).WithMessage("Each option once.");
            });
        });
        RuleFor(f => f).Custom((form, context) =>
        {
            if (form.Sections is null || form.Sections.Any(s => s?.Fields is null || s.Fields.Any(f => f is null)))
            {
                return;
            }

            var earlier = new Dictionary<string, FormField>(StringComparer.Ordinal);
            for (var s = 0; s < form.Sections.Count; s++)
            {
                for (var i = 0; i < form.Sections[s].Fields.Count; i++)
                {
                    var field = form.Sections[s].Fields[i];
                    var path = $"Sections[{s}].Fields[{i}]";
                    if (field.VisibleIf is { } condition && ConditionProblem(condition, earlier) is { } problem)
                    {
                        context.AddFailure($"{path}.VisibleIf", problem);
                    }

                    if (field.Id is not null && !earlier.TryAdd(field.Id, field))
                    {
                        context.AddFailure($"{path}.Id", "Another field has this id.");
                    }
                }
            }

            if (form.IsConsent && !form.Fields.Any(f => f is { IsSignature: true, Required: true, VisibleIf: null }))
            {
                context.AddFailure("Sections", "A consent needs a required signature field that is always shown.");
            }
        });
    }

    private static string? ConditionProblem(VisibleIf condition, Dictionary<string, FormField> earlier)
    {
        if (condition.FieldId is null || !earlier.TryGetValue(condition.FieldId, out var source))
        {
            return "Show it only after the field it depends on: pick an earlier field.";
        }

        var values = FormAnswers.ConditionValues(source);
        return values is null ? "Conditions can depend on choice, multi-choice and yes/no fields only."
            : values.Contains(condition.EqualsValue, StringComparer.Ordinal) ? null
            : $"Pick one of: {string.Join(", ", values)}.";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex FieldId();
}
