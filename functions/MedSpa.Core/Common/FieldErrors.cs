using System.Text;
using FluentValidation.Results;

namespace MedSpa.Core.Common;

/// <summary>Turns validation failures into field errors keyed by the JSON path the client sent (camelCase).</summary>
public static class FieldErrors
{
    public static Error.Invalid From(ValidationResult result) =>
        new(result.Errors
            .GroupBy(e => ToJsonPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));

    /// <summary>"Address.City" → "address.city"; "OpeningHours[0].Open" → "openingHours[0].open".</summary>
    public static string ToJsonPath(string propertyName)
    {
        var builder = new StringBuilder(propertyName.Length);
        var startOfSegment = true;
        foreach (var c in propertyName)
        {
            builder.Append(startOfSegment ? char.ToLowerInvariant(c) : c);
            startOfSegment = c == '.';
        }

        return builder.ToString();
    }
}
