using FluentValidation;

namespace MedSpa.Core.Setup;

/// <summary>Shared rules for setup items: lengths, clock times, dates, zones, money. One place, reused by every validator.</summary>
internal static class SetupRules
{
    public const int NameLength = 120;
    public const int TextLength = 4000;
    public const int ListLength = 200;
    public const string HoursRangeMessage = "End must differ from start (an end earlier than the start runs past midnight; use 24:00 for midnight).";

    public static IRuleBuilderOptions<T, string> RequiredText<T>(this IRuleBuilder<T, string> rule, int max = NameLength) =>
        rule.NotEmpty().WithMessage("Required.").MaximumLength(max).WithMessage($"At most {max} characters.")
            .Must(PlainText.IsName).WithMessage(PlainText.NameMessage);

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int max = NameLength) =>
        rule.MaximumLength(max).WithMessage($"At most {max} characters.").Must(PlainText.IsName).WithMessage(PlainText.NameMessage);

    public static IRuleBuilderOptions<T, string> ClockTime<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(v => TimeOnly.TryParseExact(v, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            .WithMessage("Use a 24-hour time like 09:30.");

    public static IRuleBuilderOptions<T, string> CalendarDate<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(v => ApiDates.TryParseDate(v, out _))
            .WithMessage(ApiDates.DateMessage);

    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>> BoundedList<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>> rule) =>
        rule.NotNull().WithMessage("Required (may be empty).").Must(l => l is null || l.Count <= ListLength).WithMessage($"At most {ListLength} entries.");

    /// <summary>A closing or end time: a 24-hour time like 17:30, or 24:00 for midnight at the end of the day.</summary>
    public static IRuleBuilderOptions<T, string> EndClockTime<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(v => EndMinute(v) is not null).WithMessage("Use a 24-hour time like 17:30, or 24:00 for midnight.");

    /// <summary>
    /// Hours from <paramref name="start"/> to <paramref name="end"/> make a range: not empty and at most 24 hours. An
    /// end earlier than the start runs past midnight into the next day (18:00–01:00); 24:00 ends at midnight.
    /// Unparseable times are left to the time rules.
    /// </summary>
    public static bool IsHoursRange(string? start, string? end)
    {
        if (!TimeOnly.TryParseExact(start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s) || EndMinute(end) is not { } e)
        {
            return true;
        }

        int from = (s.Hour * 60) + s.Minute;
        int length = e > from ? e - from : e + (24 * 60) - from;
        return e != from && length <= 24 * 60;
    }

    private static int? EndMinute(string? value) =>
        value == "24:00" ? 24 * 60
        : TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? (t.Hour * 60) + t.Minute
        : null;

    public static bool IsTimeZone(string? zone) => zone is not null && NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null;
}

public sealed class MoneyValidator : AbstractValidator<Money>
{
    public MoneyValidator()
    {
        RuleFor(m => m.Amount).GreaterThanOrEqualTo(0).WithMessage("Must be zero or more.").LessThanOrEqualTo(100_000_000).WithMessage("Too large.");
        RuleFor(m => m.Currency).Must(Money.IsCurrencyCode).WithMessage("Use a three-letter ISO currency code like USD.");
    }
}

public sealed class LocationValidator : AbstractValidator<Location>
{
    public LocationValidator()
    {
        RuleFor(l => l.Name).RequiredText();
        RuleFor(l => l.Phone).OptionalText(40);
        RuleFor(l => l.Address).NotNull().WithMessage("Required.").ChildRules(a =>
        {
            a.RuleFor(x => x.Line1).RequiredText(200);
            a.RuleFor(x => x.Line2).OptionalText(200);
            a.RuleFor(x => x.City).RequiredText();
            a.RuleFor(x => x.Region).RequiredText();
            a.RuleFor(x => x.PostalCode).RequiredText(20);
            a.RuleFor(x => x.Country).RequiredText(2).Length(2).WithMessage("Use a two-letter country code like US.");
        });
        RuleFor(l => l.TimeZone).Must(SetupRules.IsTimeZone).WithMessage("Use an IANA time zone like America/New_York.");
        RuleFor(l => l.OpeningHours).BoundedList()
            .Must(h => h is null || h.Select(x => x.Day).Distinct().Count() == h.Count).WithMessage("Give each weekday at most once.");
        RuleForEach(l => l.OpeningHours).NotNull().ChildRules(h =>
        {
            h.RuleFor(x => x.Day).IsInEnum();
            h.RuleFor(x => x.Open).ClockTime();
            h.RuleFor(x => x.Close).EndClockTime().Must((x, close) => SetupRules.IsHoursRange(x.Open, close))
                .WithMessage("Closing must differ from opening (a closing time earlier than opening runs past midnight; use 24:00 for midnight).");
        });
        RuleFor(l => l.Closures).BoundedList();
        RuleForEach(l => l.Closures).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Date).CalendarDate();
            c.RuleFor(x => x.Reason).OptionalText(200);
        });
    }
}

public sealed class StaffMemberValidator : AbstractValidator<StaffMember>
{
    public StaffMemberValidator()
    {
        RuleFor(s => s.FirstName).RequiredText();
        RuleFor(s => s.LastName).RequiredText();
        RuleFor(s => s.Email).RequiredText(254).EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(s => s.Role).IsInEnum().WithMessage("Choose admin, frontdesk or practitioner.");
        RuleFor(s => s.Practitioner).NotNull().When(s => s.Role == StaffRole.Practitioner).WithMessage("Practitioners need their practitioner details.");
        // Here and below, `!` in a rule's member path only names the member for FluentValidation: each such rule runs
        // only when the value is there (its When clause, or a child validator FluentValidation skips for null).
        RuleFor(s => s.Practitioner!).ChildRules(p =>
        {
            p.RuleFor(x => x.Bio).NotNull().MaximumLength(SetupRules.TextLength).WithMessage($"At most {SetupRules.TextLength} characters.").Text();
            p.RuleFor(x => x.PhotoUrl).OptionalText(1000)
                .Must(u => u is null || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")).WithMessage("Use an http(s) address.");
            p.RuleFor(x => x.Certifications).BoundedList();
            p.RuleForEach(x => x.Certifications).NotNull().ChildRules(c =>
            {
                c.RuleFor(x => x.Name).RequiredText();
                c.RuleFor(x => x.ExpiresOn).CalendarDate();
            });
            p.RuleFor(x => x.Tags).BoundedList();
            p.RuleForEach(x => x.Tags).RequiredText(60);
        }).When(s => s.Practitioner is not null);
        RuleFor(s => s.WorkingHours).BoundedList();
        RuleForEach(s => s.WorkingHours).NotNull().ChildRules(h =>
        {
            h.RuleFor(x => x.LocationId).RequiredText();
            h.RuleFor(x => x.Day).IsInEnum();
            h.RuleFor(x => x.Start).ClockTime();
            h.RuleFor(x => x.End).EndClockTime().Must((x, end) => SetupRules.IsHoursRange(x.Start, end)).WithMessage(SetupRules.HoursRangeMessage);
        });
        RuleFor(s => s.WorkingExceptions).BoundedList();
        RuleForEach(s => s.WorkingExceptions).NotNull().ChildRules(x =>
        {
            x.RuleFor(e => e.Date).CalendarDate();
            x.RuleFor(e => e.LocationId).RequiredText();
            x.RuleFor(e => e.Start!).ClockTime().When(e => e.Start is not null || e.End is not null).WithMessage("Give both times (24-hour, like 09:30), or neither for a day off.");
            x.RuleFor(e => e.End!).EndClockTime().Must((e, end) => SetupRules.IsHoursRange(e.Start ?? "", end)).When(e => e.Start is not null || e.End is not null)
                .WithMessage(SetupRules.HoursRangeMessage);
        });
        RuleFor(s => s.TimeOff).BoundedList();
        RuleForEach(s => s.TimeOff).NotNull().ChildRules(t =>
        {
            t.RuleFor(x => x.End).Must((x, end) => end > x.Start).WithMessage("End must be after start.");
            t.RuleFor(x => x.Reason).OptionalText(200);
        });
    }
}

public sealed class ServiceValidator : AbstractValidator<Service>
{
    public ServiceValidator()
    {
        RuleFor(s => s.Name).RequiredText();
        RuleFor(s => s.Category).RequiredText(60);
        RuleFor(s => s.Description).NotNull().MaximumLength(SetupRules.TextLength).WithMessage($"At most {SetupRules.TextLength} characters.").Text();
        RuleFor(s => s.DurationMinutes).InclusiveBetween(5, 720).WithMessage("Between 5 and 720 minutes.");
        RuleFor(s => s.BufferBeforeMinutes).InclusiveBetween(0, 240).WithMessage("Between 0 and 240 minutes.");
        RuleFor(s => s.BufferAfterMinutes).InclusiveBetween(0, 240).WithMessage("Between 0 and 240 minutes.");
        RuleFor(s => s.Price).NotNull().WithMessage("Required.").SetValidator(new MoneyValidator());
        RuleFor(s => s.Deposit).NotNull().WithMessage("Required.").ChildRules(d =>
        {
            d.RuleFor(x => x.Kind).IsInEnum();
            d.RuleFor(x => x.Amount).NotNull().When(x => x.Kind == DepositKind.Fixed).WithMessage("A fixed deposit needs an amount.");
            d.RuleFor(x => x.Amount!).SetValidator(new MoneyValidator()).When(x => x.Amount is not null);
            d.RuleFor(x => x.Percent).NotNull().InclusiveBetween(1, 100).When(x => x.Kind == DepositKind.Percent).WithMessage("Between 1 and 100 percent.");
        });
        RuleFor(s => s.Deposit.Amount!.Currency).Equal(s => s.Price.Currency).WithMessage("Use the price's currency.")
            .When(s => s.Deposit?.Amount is not null && s.Price is not null).OverridePropertyName("deposit.amount.currency");
        RuleFor(s => s.Deposit.Amount!.Amount).LessThanOrEqualTo(s => s.Price.Amount).WithMessage("A deposit cannot exceed the price.")
            .When(s => s.Deposit?.Amount is not null && s.Price is not null).OverridePropertyName("deposit.amount.amount");
        RuleFor(s => s.RoomType).OptionalText(60);
        RuleFor(s => s.EquipmentTypes).BoundedList();
        RuleForEach(s => s.EquipmentTypes).RequiredText(60);
        RuleFor(s => s.RequiredFormIds).BoundedList();
        RuleFor(s => s.RequiredConsentIds).BoundedList();
        RuleFor(s => s.PractitionerIds).BoundedList();
        RuleFor(s => s.RequiredCertifications).BoundedList();
        RuleForEach(s => s.RequiredCertifications).RequiredText();
    }
}

public sealed class RoomValidator : AbstractValidator<Room>
{
    public RoomValidator()
    {
        RuleFor(r => r.Name).RequiredText();
        RuleFor(r => r.Type).RequiredText(60);
        RuleFor(r => r.LocationId).RequiredText();
        RuleFor(r => r.Capacity).InclusiveBetween(1, 50).WithMessage("Between 1 and 50.");
    }
}

public sealed class EquipmentValidator : AbstractValidator<Equipment>
{
    public EquipmentValidator()
    {
        RuleFor(e => e.Name).RequiredText();
        RuleFor(e => e.Type).RequiredText(60);
        RuleFor(e => e.LocationId).RequiredText();
        RuleFor(e => e.MaintenanceWindows).BoundedList();
        RuleForEach(e => e.MaintenanceWindows).NotNull().ChildRules(w =>
        {
            w.RuleFor(x => x.End).Must((x, end) => end > x.Start).WithMessage("End must be after start.");
            w.RuleFor(x => x.Reason).OptionalText(200);
        });
    }
}
