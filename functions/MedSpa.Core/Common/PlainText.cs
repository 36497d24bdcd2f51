using FluentValidation;

namespace MedSpa.Core.Common;

/// <summary>
/// What text people type may contain. Names are one line: no control characters at all. Free text (notes,
/// descriptions) may also break lines. Neither may carry bidirectional controls (U+202A–U+202E, U+2066–U+2069,
/// U+200E/U+200F, U+061C): they make a name display as something else than it is ("Trojan Source").
/// </summary>
public static class PlainText
{
    public const string NameMessage = "Use letters, digits and punctuation only: no control or text-direction characters.";
    public const string TextMessage = "Use plain text: no control or text-direction characters (line breaks are fine).";

    public static bool IsName(string? value) => value is null || value.All(c => !char.IsControl(c) && !IsDirectionControl(c));

    public static bool IsText(string? value) => value is null || value.All(c => (c is '\n' or '\r' or '\t' || !char.IsControl(c)) && !IsDirectionControl(c));

    /// <summary>One-line text (names, titles): the FluentValidation rule.</summary>
    public static IRuleBuilderOptions<T, string?> Name<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsName).WithMessage(NameMessage);

    /// <summary>Multi-line text (notes, descriptions): the FluentValidation rule.</summary>
    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsText).WithMessage(TextMessage);

    private static bool IsDirectionControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
