using FluentValidation;

namespace MedSpa.Core.Booking;

/// <summary>The rules a clinic configures for booking. One document per clinic; defaults until an admin changes them.</summary>
public sealed record BookingPolicies : Settings.IClinicSettings<BookingPolicies>
{
    /// <summary>How many days ahead patients may book (rolling).</summary>
    public int WindowDays { get; init; } = 60;

    /// <summary>How soon before a start patients may still book online.</summary>
    public int MinimumNoticeMinutes { get; init; } = 120;

    /// <summary>The grid of offered start times, in minutes of wall-clock from opening.</summary>
    public int SlotStepMinutes { get; init; } = 15;

    /// <summary>Cancelling with less notice than this, or not showing up, is flagged for the clinic's fee.</summary>
    public int CancellationNoticeHours { get; init; } = 24;

    /// <summary>New patients' online bookings wait for staff approval.</summary>
    public bool ApprovalRequiredForNewPatients { get; init; }

    /// <summary>At most this many upcoming bookings per patient (online).</summary>
    public int MaxFutureBookingsPerPatient { get; init; } = 5;

    /// <summary>Staff (never online) may book over an existing booking on purpose.</summary>
    public bool StaffMayDoubleBook { get; init; }

    /// <summary>How long a slot is held while a deposit is awaited.</summary>
    public int DepositHoldMinutes { get; init; } = 10;

    /// <summary>
    /// How times are written for the clinic's staff and patients, in the apps and in messages. Policies stored before it
    /// existed read as 12-hour.
    /// </summary>
    public ClockFormat ClockFormat { get; init; } = ClockFormat.TwelveHour;

    /// <summary>Charged to the card on file when a patient does not come (minor units of the clinic's currency; 0: none).</summary>
    public long NoShowFee { get; init; }

    /// <summary>Charged to the card on file for a cancellation with less than <see cref="CancellationNoticeHours"/> notice (0: none).</summary>
    public long LateCancellationFee { get; init; }

    /// <summary>What patients read and accept when they book online, when the clinic charges either fee.</summary>
    public string CancellationPolicy { get; init; } = "";

    /// <summary>
    /// Names what a patient accepted: a hash of the policy's words, both fees and the notice. Null while the clinic charges
    /// no fee (nothing to accept). Kept with each booking, so a fee is charged only under the terms that patient saw.
    /// </summary>
    public string? FeePolicyVersion => NoShowFee <= 0 && LateCancellationFee <= 0
        ? null
        : "fees-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"{CancellationPolicy}\n{NoShowFee}\n{LateCancellationFee}\n{CancellationNoticeHours}")))[..12];

    /// <summary>Reminders before a visit, in hours before its start (48 and 2 unless the clinic decides otherwise; none: no reminders).</summary>
    public IReadOnlyList<int> ReminderHoursBefore { get; init; } = [48, 2];

    /// <summary>The morning after a completed visit, a message about its after-care.</summary>
    public bool AfterCareMessage { get; init; } = true;

    /// <summary>Days after a completed visit the patient is asked how it went (0: never).</summary>
    public int ReviewRequestAfterDays { get; init; } = 3;

    /// <summary>Practitioners' calendar links name the patient and treatment (off: each visit reads "Booked").</summary>
    public bool CalendarFeedShowsPatientNames { get; init; }

    /// <summary>Set by the server, never by the client: every document names its clinic.</summary>
    public string TenantId { get; init; } = "";

    public string Kind => "booking-policies";

    public static string DocumentId => "booking-policies";

    public static string Called => "the booking rules";

    public BookingPolicies ForClinic(string tenantId) => this with { TenantId = tenantId };
}

public sealed class BookingPoliciesValidator : AbstractValidator<BookingPolicies>
{
    public BookingPoliciesValidator()
    {
        RuleFor(p => p.WindowDays).InclusiveBetween(1, 730).WithMessage("Between 1 and 730 days.");
        RuleFor(p => p.MinimumNoticeMinutes).InclusiveBetween(0, 20_160).WithMessage("Between 0 and 20160 minutes (14 days).");
        RuleFor(p => p.SlotStepMinutes).Must(s => s is 5 or 10 or 15 or 20 or 30 or 60).WithMessage("One of 5, 10, 15, 20, 30 or 60.");
        RuleFor(p => p.CancellationNoticeHours).InclusiveBetween(0, 168).WithMessage("Between 0 and 168 hours.");
        RuleFor(p => p.MaxFutureBookingsPerPatient).InclusiveBetween(1, 100).WithMessage("Between 1 and 100.");
        RuleFor(p => p.DepositHoldMinutes).InclusiveBetween(2, 60).WithMessage("Between 2 and 60 minutes.");
        RuleFor(p => p.ClockFormat).IsInEnum().WithMessage("12h or 24h.");
        RuleFor(p => p.ReminderHoursBefore).NotNull().WithMessage("A list of hours, empty for none.")
            .Must(h => h is null || (h.Count <= 4 && h.All(x => x is >= 1 and <= 336) && h.Distinct().Count() == h.Count))
            .WithMessage("Up to 4 different reminders, each 1 to 336 hours (14 days) before.");
        RuleFor(p => p.ReviewRequestAfterDays).InclusiveBetween(0, 30).WithMessage("Between 0 (never) and 30 days.");
        RuleFor(p => p.NoShowFee).InclusiveBetween(0, 100_000).WithMessage("From 0 to 1,000.00, in minor units.");
        RuleFor(p => p.LateCancellationFee).InclusiveBetween(0, 100_000).WithMessage("From 0 to 1,000.00, in minor units.");
        RuleFor(p => p.CancellationPolicy).MaximumLength(2000).WithMessage("Up to 2000 characters.")
            .Must(PlainText.IsText).WithMessage(PlainText.TextMessage);
        RuleFor(p => p.CancellationPolicy).Must(text => !string.IsNullOrWhiteSpace(text))
            .When(p => p.NoShowFee > 0 || p.LateCancellationFee > 0).WithMessage("Write the policy patients accept when they book: it is what the fees are charged under.");
    }
}

/// <summary>The clinic's booking rules, read and saved like every clinic setting.</summary>
public sealed class BookingPolicyStore(IDocumentStore store, IValidator<BookingPolicies> validator) : Settings.ClinicSettingsStore<BookingPolicies>(store, validator);
