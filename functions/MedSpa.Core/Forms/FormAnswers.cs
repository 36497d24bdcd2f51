using System.Text.Json;
using System.Text.RegularExpressions;

namespace MedSpa.Core.Forms;

/// <summary>
/// Checks a patient's answers against the version they answered, on the server, whatever the browser did: the
/// conditions decide which fields are shown; a shown required field must be answered, a hidden one never is and its
/// answer is dropped; every answer has its field's type. The one place these rules live.
/// </summary>
public static partial class FormAnswers
{
    public const int MaxTextLength = 4000;
    public const int MaxDrawingBytes = 300 * 1024;
    public const int MaxFileBytes = 700 * 1024;

    public static readonly string[] YesNo = ["yes", "no"];

    /// <summary>The values a condition may test on <paramref name="field"/>; null when it cannot be a condition's source.</summary>
    public static IReadOnlyList<string>? ConditionValues(FormField field) => field.Type switch
    {
        FieldType.Choice or FieldType.MultiChoice => field.Options,
        FieldType.YesNo => YesNo,
        _ => null,
    };

    /// <summary>The answers to keep (shown fields only), or field errors keyed <c>answers.{fieldId}</c>.</summary>
    public static Result<IReadOnlyDictionary<string, JsonElement>> Check(FormContent form, IReadOnlyDictionary<string, JsonElement>? answers)
    {
        answers ??= new Dictionary<string, JsonElement>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var kept = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var fields = form.Fields.ToDictionary(f => f.Id, StringComparer.Ordinal);
        foreach (var unknown in answers.Keys.Where(k => !fields.ContainsKey(k)).Take(5))
        {
            errors[$"answers.{unknown}"] = ["This form has no such question."];
        }

        foreach (var field in form.Fields)
        {
            if (!IsShown(field, kept))
            {
                continue;
            }

            var answered = answers.TryGetValue(field.Id, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) && !IsBlank(value);
            if (!answered)
            {
                if (field.Required)
                {
                    errors[$"answers.{field.Id}"] = [field.IsSignature || field.Type == FieldType.Initials ? "Please sign here." : "Please answer this question."];
                }

                continue;
            }

            if (Problem(field, value) is { } problem)
            {
                errors[$"answers.{field.Id}"] = [problem];
                continue;
            }

            kept[field.Id] = value.Clone();
        }

        return errors.Count > 0 ? new Error.Invalid(errors, "Some answers need a look.") : kept;
    }

    /// <summary>Whether <paramref name="field"/> is shown, given the answers kept so far (earlier fields).</summary>
    public static bool IsShown(FormField field, IReadOnlyDictionary<string, JsonElement> earlier) =>
        field.VisibleIf is not { } condition
        || (earlier.TryGetValue(condition.FieldId, out var source) && source.ValueKind switch
        {
            JsonValueKind.String => source.GetString() == condition.EqualsValue,
            JsonValueKind.Array => source.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == condition.EqualsValue),
            _ => false,
        });

    private static bool IsBlank(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()),
            JsonValueKind.Array => value.GetArrayLength() == 0,
            _ => false,
        };

    private static string? Problem(FormField field, JsonElement value)
    {
        if (field.Type == FieldType.Number)
        {
            return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out _) ? null : "Enter a number.";
        }

        if (field.Type == FieldType.MultiChoice)
        {
            return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String && field.Options.Contains(v.GetString()))
                && value.EnumerateArray().Select(v => v.GetString()).Distinct().Count() == value.GetArrayLength()
                ? null : $"Pick from: {string.Join(", ", field.Options)}.";
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return "Send this answer as text.";
        }

        var text = value.GetString() ?? "";
        return field.Type switch
        {
            FieldType.Text => text.Length > 500 ? "At most 500 characters." : PlainText.IsName(text) ? null : PlainText.NameMessage,
            FieldType.LongText => text.Length > MaxTextLength ? $"At most {MaxTextLength} characters." : PlainText.IsText(text) ? null : PlainText.TextMessage,
            FieldType.Choice => field.Options.Contains(text) ? null : $"Pick one of: {string.Join(", ", field.Options)}.",
            FieldType.YesNo => YesNo.Contains(text) ? null : "Answer yes or no.",
            FieldType.Date => ApiDates.TryParseDate(text, out var date) && date.Year >= 1900 && date.Year <= 2200 ? null : ApiDates.DateMessage,
            FieldType.Signature or FieldType.Initials => DataUrlProblem(text, ImageDataUrl(), MaxDrawingBytes, "a drawn signature (PNG)"),
            FieldType.File => DataUrlProblem(text, FileDataUrl(), MaxFileBytes, "a file"),
            _ => null,
        };
    }

    private static string? DataUrlProblem(string text, Regex shape, int maxBytes, string what)
    {
        var match = shape.Match(text);
        if (!match.Success)
        {
            return $"Send {what} as a data: URL.";
        }

        var payload = match.Groups["data"].Value;
        var bytes = payload.Length / 4 * 3;
        if (bytes > maxBytes)
        {
            return $"At most {maxBytes / 1024} kB.";
        }

        return Convert.TryFromBase64String(payload, new byte[bytes], out _) ? null : $"Send {what} as a data: URL.";
    }

    [GeneratedRegex(@"^data:image/png;base64,(?<data>[A-Za-z0-9+/]+={0,2})$")]
    private static partial Regex ImageDataUrl();

    [GeneratedRegex(@"^data:(image/(png|jpeg|webp|heic)|application/pdf)(;name=[^;,]{1,200})?;base64,(?<data>[A-Za-z0-9+/]+={0,2})$")]
    private static partial Regex FileDataUrl();
}
