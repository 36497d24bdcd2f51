using MedSpa.Core.Forms;

namespace MedSpa.Functions.Tests.Forms;

/// <summary>A consent with a conditional question, as the builder would send it, for suites that need a form of their own.</summary>
public static class SampleForms
{
    public static FormContent Consent(string name, int? expirationMonths = 12) => new(name, "For the tests.", FormKind.Consent, "I agree to the treatment.", expirationMonths,
    [
        new("About you",
        [
            new("sexAtBirth", FieldType.Choice, "Sex assigned at birth", true, ["Female", "Male"], null, null),
            new("pregnant", FieldType.YesNo, "Are you pregnant?", true, [], null, new VisibleIf("sexAtBirth", "Female")),
            new("signature", FieldType.Signature, "Signature", true, [], null, null),
        ]),
    ]);

    /// <summary>A 1×1 PNG, as a signature pad sends it.</summary>
    public const string Drawn = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
}
