using FluentValidation;

namespace MedSpa.Core.Patients;

/// <summary>
/// Everything about a patient that people edit, as one write: staff at the desk or in the treatment room, or the
/// patient from the portal. Who may change which part is <see cref="PatientAccess"/>'s rule.
/// </summary>
public sealed record PatientProfile(
    string? FirstName,
    string? LastName,
    string? PreferredName = null,
    string? Pronouns = null,
    string? DateOfBirth = null,
    string? Email = null,
    string? Phone = null,
    string? AlternatePhone = null,
    Setup.Address? Address = null,
    PatientStatus Status = PatientStatus.Active,
    ProfileType ProfileType = ProfileType.Patient,
    IReadOnlyList<string>? MedicalAlerts = null,
    IReadOnlyList<string>? Allergies = null,
    IReadOnlyList<string>? Medications = null,
    IReadOnlyList<string>? Tags = null,
    CommunicationPreferences? CommunicationPreferences = null,
    PrivacyPreferences? PrivacyPreferences = null)
{
    public static PatientProfile Of(Patient p) => new(
        p.FirstName, p.LastName, p.PreferredName, p.Pronouns, p.DateOfBirth, p.Email, p.Phone, p.AlternatePhone, p.Address, p.Status, p.ProfileType,
        p.MedicalAlerts, p.Allergies, p.Medications, p.Tags, p.CommunicationPreferences, p.PrivacyPreferences);
}

public sealed class PatientProfileValidator : AbstractValidator<PatientProfile>
{
    public const int ListLength = 50;
    public const int EntryLength = 200;
    public static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    private static readonly Setup.Address NoAddress = new("", null, "", "", "", "");

    public PatientProfileValidator()
    {
        RuleFor(p => p.FirstName).NotEmpty().WithMessage("Required.").MaximumLength(100).WithMessage("At most 100 characters.").Name();
        RuleFor(p => p.LastName).NotEmpty().WithMessage("Required.").MaximumLength(100).WithMessage("At most 100 characters.").Name();
        RuleFor(p => p.PreferredName).MaximumLength(100).WithMessage("At most 100 characters.").Name();
        RuleFor(p => p.Pronouns).MaximumLength(40).WithMessage("At most 40 characters.").Name();
        RuleFor(p => p.DateOfBirth).Must(d => d is null || IsBirthDate(d)).WithMessage("Use a date like 1985-04-23, from 1900-01-01.");
        RuleFor(p => p.Email).MaximumLength(254).WithMessage("At most 254 characters.").EmailAddress().WithMessage("Enter a valid email address.")
            .When(p => !string.IsNullOrEmpty(p.Email));
        RuleFor(p => p.Status).IsInEnum().WithMessage("One of active, inactive, discharged or deceased.");
        RuleFor(p => p.ProfileType).IsInEnum().WithMessage("patient or contact.");
        // Optional, so checked only when given; the stand-in only names the type for the rules (a missing address has no fields to check).
        RuleFor(p => p.Address ?? NoAddress).ChildRules(a =>
        {
            a.RuleFor(x => x.Line1).NotEmpty().WithMessage("Required.").MaximumLength(200).WithMessage("At most 200 characters.").Name();
            a.RuleFor(x => x.Line2).MaximumLength(200).WithMessage("At most 200 characters.").Name();
            a.RuleFor(x => x.City).NotEmpty().WithMessage("Required.").MaximumLength(120).WithMessage("At most 120 characters.").Name();
            a.RuleFor(x => x.Region).MaximumLength(120).WithMessage("At most 120 characters.").Name();
            a.RuleFor(x => x.PostalCode).MaximumLength(20).WithMessage("At most 20 characters.").Name();
            a.RuleFor(x => x.Country).Matches("^[A-Z]{2}$").WithMessage("A two-letter country code like US.");
        }).OverridePropertyName(nameof(PatientProfile.Address)).When(p => p.Address is not null);
        RuleForEach(p => p.MedicalAlerts).SetValidator(new EntryValidator());
        RuleForEach(p => p.Allergies).SetValidator(new EntryValidator());
        RuleForEach(p => p.Medications).SetValidator(new EntryValidator());
        RuleForEach(p => p.Tags).SetValidator(new EntryValidator());
        RuleFor(p => p.MedicalAlerts).Must(Bounded).WithMessage($"At most {ListLength} entries.");
        RuleFor(p => p.Allergies).Must(Bounded).WithMessage($"At most {ListLength} entries.");
        RuleFor(p => p.Medications).Must(Bounded).WithMessage($"At most {ListLength} entries.");
        RuleFor(p => p.Tags).Must(Bounded).WithMessage($"At most {ListLength} entries.");
        RuleFor(p => p.CommunicationPreferences!.Language).Must(l => l is null || Messaging.MessageTemplateSettingsValidator.IsLanguageTag(l))
            .WithMessage("A language tag such as en, es or fr-CA.").OverridePropertyName("communicationPreferences.language")
            .When(p => p.CommunicationPreferences is not null);
    }

    public static bool IsBirthDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date >= EarliestBirth;

    private static bool Bounded(IReadOnlyList<string>? list) => list is null || list.Count <= ListLength;

    private sealed class EntryValidator : AbstractValidator<string>
    {
        public EntryValidator() =>
            RuleFor(e => e).NotEmpty().WithMessage("Empty entries are not kept; remove it.").MaximumLength(EntryLength).WithMessage($"At most {EntryLength} characters.")
                .Must(PlainText.IsName).WithMessage(PlainText.NameMessage);
    }
}
