using FluentValidation;

namespace MedSpa.Core.Waitlist;

/// <summary>What a patient (or staff on their behalf) asks for when joining the waitlist, as the API receives it.</summary>
public sealed record WaitlistRequest(
    string? PatientId,
    string? ServiceId,
    string? LocationId,
    string? PractitionerId,
    string? FromDate,
    string? ToDate,
    IReadOnlyList<string>? TimesOfDay);

/// <summary>A request that passed validation, resolved against the clinic's setup.</summary>
public sealed record WaitlistTerms(Service Service, Location Location, string? PractitionerId, DateOnly FromDate, DateOnly ToDate, IReadOnlyList<DayPart> TimesOfDay);

/// <summary>A waitlist request with what checking it needs: the clinic's setup and the time now.</summary>
public sealed record WaitlistCheck(WaitlistRequest Request, ClinicSetup Setup, DateTimeOffset Now)
{
    public Service? Service => Known(Request.ServiceId) ? Setup.Service(Request.ServiceId) : null;

    public Location? Location => Known(Request.LocationId) ? Setup.Location(Request.LocationId) : null;

    /// <summary>Who performs the service at the location (empty until both are known).</summary>
    public IReadOnlyList<string> Providers => Service is { } service && Location is { } location
        ? [.. Setup.Staff.Where(m => service.IsPerformedBy(m) && m.WorkingHours.Any(h => h.LocationId == location.Id)).Select(m => m.Id)]
        : [];

    public string? PractitionerId => string.IsNullOrWhiteSpace(Request.PractitionerId) ? null : Request.PractitionerId;

    /// <summary>Today at the location (in UTC until the location is known).</summary>
    public DateOnly Today => Location is not null && Scheduling.ClinicTime.TryFor(Location.TimeZone) is { } time ? time.LocalDate(Now) : DateOnly.FromDateTime(Now.UtcDateTime);

    public DateOnly? From => ApiDates.TryParseDate(Request.FromDate, out var date) ? date : null;

    public DateOnly? To => ApiDates.TryParseDate(Request.ToDate, out var date) ? date : null;

    public IReadOnlyList<DayPart> TimesOfDay => Request.TimesOfDay is { Count: > 0 } wanted
        ? [.. wanted.Select(DayParts.Parse).OfType<DayPart>().Distinct().Order()]
        : DayParts.All;

    private static bool Known(string? id) => !string.IsNullOrWhiteSpace(id) && id.Length <= WaitlistRequestValidator.IdLength;
}

/// <summary>Every field of a waitlist request, with one error per field.</summary>
public sealed class WaitlistRequestValidator : AbstractValidator<WaitlistCheck>
{
    public const int IdLength = 100;

    /// <summary>How far ahead a waitlist entry may reach.</summary>
    public const int MaxDaysAhead = 180;

    public WaitlistRequestValidator()
    {
        RuleFor(x => x.Request.ServiceId).Cascade(CascadeMode.Stop).Id()
            .Must((x, _) => x.Service is not null).WithMessage("No such service in this clinic.")
            .OverridePropertyName("serviceId");
        RuleFor(x => x.Request.LocationId).Cascade(CascadeMode.Stop).Id()
            .Must((x, _) => x.Location is not null).WithMessage("No such location in this clinic.")
            .Must((x, _) => x.Service is null || x.Providers.Count > 0).WithMessage(x => $"{x.Service?.Name} is not offered at {x.Location?.Name}.")
            .OverridePropertyName("locationId");
        RuleFor(x => x.PractitionerId).Must((x, id) => id is null || x.Providers.Count == 0 || x.Providers.Contains(id))
            .WithMessage("That practitioner does not offer this service at this location.").OverridePropertyName("practitionerId");
        RuleFor(x => x.Request.FromDate).Cascade(CascadeMode.Stop).Date()
            .Must((x, _) => x.From >= x.Today).WithMessage("Must be today or later.")
            .OverridePropertyName("fromDate");
        RuleFor(x => x.Request.ToDate).Cascade(CascadeMode.Stop).Date()
            .Must((x, _) => x.From is not { } from || x.To >= from).WithMessage("Must be on or after fromDate.")
            .Must((x, _) => x.To <= x.Today.AddDays(MaxDaysAhead)).WithMessage($"At most {MaxDaysAhead} days ahead.")
            .OverridePropertyName("toDate");
        RuleFor(x => x.Request.TimesOfDay).Must(w => w is null || (w.Count <= 3 && w.All(part => DayParts.Parse(part) is not null)))
            .WithMessage("Any of morning (before 12:00), afternoon (12:00–17:00) and evening (from 17:00).").OverridePropertyName("timesOfDay");
    }
}

public static class WaitlistValidation
{
    private static readonly WaitlistRequestValidator Validator = new();

    /// <summary>Checks every field, with an error per field; pure (the clinic's setup and now are given).</summary>
    public static Result<WaitlistTerms> Validate(WaitlistRequest request, ClinicSetup setup, DateTimeOffset now)
    {
        var check = new WaitlistCheck(request, setup, now);
        var result = Validator.Validate(check);
        if (!result.IsValid || check.Service is not { } service || check.Location is not { } location || check.From is not { } from || check.To is not { } to)
        {
            return FieldErrors.From(result);
        }

        return new WaitlistTerms(service, location, check.PractitionerId, from, to, check.TimesOfDay);
    }

    internal static IRuleBuilderOptions<WaitlistCheck, string?> Id(this IRuleBuilder<WaitlistCheck, string?> rule) =>
        rule.NotEmpty().WithMessage("Required.").MaximumLength(WaitlistRequestValidator.IdLength).WithMessage($"At most {WaitlistRequestValidator.IdLength} characters.");

    internal static IRuleBuilderOptions<WaitlistCheck, string?> Date(this IRuleBuilder<WaitlistCheck, string?> rule) =>
        rule.NotEmpty().WithMessage("Required.").Must(value => ApiDates.TryParseDate(value, out _)).WithMessage(ApiDates.DateMessage);
}
