using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FluentValidation;

namespace MedSpa.Core.Messaging;

/// <summary>What a message to a patient is about: each kind has its words, per channel and language, and its variables.</summary>
public enum MessageKind
{
    [JsonStringEnumMemberName("booking-confirmation")]
    BookingConfirmation,
    Reminder,
    [JsonStringEnumMemberName("after-care")]
    AfterCare,
    [JsonStringEnumMemberName("review-request")]
    ReviewRequest,
    Change,
    Cancellation,
    [JsonStringEnumMemberName("deposit-request")]
    DepositRequest,
    [JsonStringEnumMemberName("form-request")]
    FormRequest,
    [JsonStringEnumMemberName("waitlist-offer")]
    WaitlistOffer,
    Birthday,
    [JsonStringEnumMemberName("membership-dunning")]
    MembershipDunning,
}

/// <summary>A clinic's own words for one kind of message on one channel in one language. Email has a subject; texts do not.</summary>
public sealed record MessageTemplate(MessageKind Kind, Patients.CommunicationChannel Channel, string Language, string? Subject, string Body);

/// <summary>
/// The clinic's message templates and languages. A kind the clinic has not written for a channel uses MedSpa's words
/// (<see cref="MessageCatalog"/>); the clinic's first language is the one its patients are written to.
/// </summary>
public sealed record MessageTemplateSettings : Settings.IClinicSettings<MessageTemplateSettings>
{
    public IReadOnlyList<string> Languages { get; init; } = ["en"];

    public IReadOnlyList<MessageTemplate> Templates { get; init; } = [];

    /// <summary>Whether patients who agreed to marketing are wished a happy birthday (by email) on the day.</summary>
    public bool BirthdayGreetings { get; init; }

    public string TenantId { get; init; } = "";

    public string Kind => "message-templates";

    public static string DocumentId => "message-templates";

    public static string Called => "the message templates";

    public MessageTemplateSettings ForClinic(string tenantId) => this with { TenantId = tenantId };

    /// <summary>The language a patient is written to: theirs when the clinic writes in it, else the clinic's first.</summary>
    public string LanguageFor(string? preferred) => preferred is not null && Languages.Contains(preferred) ? preferred : Languages[0];

    /// <summary>The clinic's words for a kind and channel in a language, or null (MedSpa's words apply).</summary>
    public MessageTemplate? Find(MessageKind kind, Patients.CommunicationChannel channel, string language) =>
        Templates.FirstOrDefault(t => t.Kind == kind && t.Channel == channel && t.Language == language);
}

/// <summary>Every kind of message: what it is for, the variables its words may use, MedSpa's own words, and sample values for a preview.</summary>
public static partial class MessageCatalog
{
    /// <param name="Sms">MedSpa's words for a text; empty for a kind never texted (marketing goes by email only).</param>
    public sealed record Entry(MessageKind Kind, string Name, IReadOnlyList<string> Variables, string Subject, string Email, string Sms, IReadOnlyDictionary<string, string> Sample)
    {
        public bool ByText => Sms.Length > 0;
    }

    /// <summary>Every message knows these: the patient's first name, the clinic's name, and a link to the patient's appointments.</summary>
    public static readonly IReadOnlyList<string> Common = ["firstName", "clinic", "link"];

    private static readonly Dictionary<string, string> CommonSample = new() { ["firstName"] = "Ada", ["clinic"] = "Demo Aesthetics", ["link"] = "https://clinic.example/patient/appointments" };

    private static readonly Dictionary<string, string> VisitSample = new()
    {
        ["service"] = "Botox – one area", ["location"] = "SoHo", ["when"] = "on Tuesday 8 December at 2:30 PM", ["whereAndWhen"] = "at SoHo on Tuesday 8 December at 2:30 PM",
        [Booking.AppointmentWording.LocalDate] = "2026-12-08", [Booking.AppointmentWording.LocalTime] = "2:30 PM",
    };

    private static readonly Dictionary<string, string> DepositSample = new(VisitSample)
    {
        ["deposit"] = "50.00 USD", ["holdUntil"] = "2:45 PM", ["link"] = "https://clinic.example/patient/book?pay=appt-1",
    };

    private static readonly Dictionary<string, string> FormsSample = new()
    {
        ["forms"] = "- Medical history: https://clinic.example/patient/forms/f1\n- Botox consent: https://clinic.example/patient/forms/f2",
        ["link"] = "https://clinic.example/patient/forms",
    };

    private static readonly Dictionary<string, string> OfferSample = new(VisitSample)
    {
        ["acceptBy"] = "3:15 PM", ["link"] = "https://clinic.example/patient/waitlist?offer=offer-1",
    };

    private static readonly Dictionary<string, string> DunningSample = new()
    {
        ["plan"] = "Glow membership", ["amount"] = "99.00 USD", ["reason"] = "The card ending 0341 was declined: Your card was declined.",
        ["nextStep"] = "We will try your card again on Friday 4 December.", ["link"] = "https://clinic.example/patient/membership",
    };

    public static readonly IReadOnlyList<Entry> All =
    [
        new(MessageKind.BookingConfirmation, "Booking confirmation", [.. Common, "service", "location", "when", "whereAndWhen"],
            "You're booked", "{{service}} {{whereAndWhen}} is booked. We look forward to seeing you.",
            "{{clinic}}: You're booked. {{service}} {{whereAndWhen}}.", Merge(VisitSample)),
        new(MessageKind.Reminder, "Appointment reminder", [.. Common, "service", "location", "when", "whereAndWhen"],
            "Your appointment is coming up", "A reminder: {{service}} {{whereAndWhen}}. If you can't make it, please let us know.",
            "{{clinic}}: A reminder: {{service}} {{whereAndWhen}}. Reply C to confirm or R to ask for another time.", Merge(VisitSample)),
        new(MessageKind.AfterCare, "After-care, the morning after", [.. Common, "service"],
            "Caring for your skin after your visit", "Thank you for coming in for {{service}}. Follow the after-care your practitioner gave you, and call us if anything worries you.",
            "{{clinic}}: Thank you for coming in for {{service}}. Call us if anything worries you.", Merge(VisitSample)),
        new(MessageKind.ReviewRequest, "Review request", [.. Common, "service"],
            "How was your visit?", "We'd love to hear how your {{service}} went. Reply to this message or tell us at your next visit.",
            "{{clinic}}: How was your {{service}}? Reply and tell us.", Merge(VisitSample)),
        new(MessageKind.Change, "Appointment moved", [.. Common, "service", "location", "when", "whereAndWhen"],
            "Your appointment has moved", "{{service}} is now {{whereAndWhen}}. If that time does not suit you, let us know.",
            "{{clinic}}: {{service}} is now {{whereAndWhen}}.", Merge(VisitSample)),
        new(MessageKind.Cancellation, "Appointment cancelled", [.. Common, "service", "location", "when", "whereAndWhen"],
            "Your appointment is cancelled", "{{service}} {{whereAndWhen}} is cancelled. You can book again at any time: {{link}}",
            "{{clinic}}: {{service}} {{whereAndWhen}} is cancelled.", Merge(VisitSample)),
        new(MessageKind.DepositRequest, "Deposit request, to a patient who left before paying", [.. Common, "service", "location", "when", "whereAndWhen", "deposit", "holdUntil"],
            "Pay your deposit to keep your time", "{{service}} {{whereAndWhen}} is held for you until {{holdUntil}}. Pay the {{deposit}} deposit to keep it: {{link}}",
            "{{clinic}}: {{service}} {{whereAndWhen}} is held until {{holdUntil}}. Pay the {{deposit}} deposit to keep it: {{link}}", Merge(DepositSample)),
        new(MessageKind.FormRequest, "Form request", [.. Common, "forms"],
            "Forms to fill before your visit", "Please fill these in before your visit, on your phone or computer:\n{{forms}}",
            "{{clinic}}: Please fill in your forms before your visit: {{link}}", Merge(FormsSample)),
        new(MessageKind.WaitlistOffer, "Waitlist offer", [.. Common, "service", "location", "when", "whereAndWhen", "acceptBy"],
            "A time opened up", "A time opened up for {{service}} {{whereAndWhen}}. Accept it by {{acceptBy}} to book it: {{link}}\nA few people on the waitlist have been told, and the first to accept gets it.",
            "{{clinic}}: A time opened up for {{service}} {{whereAndWhen}}. The first to accept by {{acceptBy}} gets it: {{link}}", Merge(OfferSample)),
        new(MessageKind.Birthday, "Birthday greeting (email, to patients who agreed to marketing)", Common,
            "Happy birthday, {{firstName}}!", "Everyone at {{clinic}} wishes you a very happy birthday. We'd love to see you soon: {{link}}",
            "", Merge([])),
        new(MessageKind.MembershipDunning, "Membership payment declined", [.. Common, "plan", "amount", "reason", "nextStep"],
            "We couldn't take your membership payment", "We couldn't take the {{amount}} for your {{plan}}. {{reason}}\nPay it or add a new card here to keep your membership: {{link}}\n{{nextStep}}",
            "{{clinic}}: We couldn't take the {{amount}} for your {{plan}}. Pay it or add a new card: {{link}} {{nextStep}}", Merge(DunningSample)),
    ];

    public static Entry For(MessageKind kind) => All.Single(e => e.Kind == kind);

    /// <summary>The words with every {{variable}} replaced by its value (an unknown one by nothing).</summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> values) =>
        Variable().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : "");

    /// <summary>The {{variables}} the words use that the kind does not know.</summary>
    public static IReadOnlyList<string> Unknown(MessageKind kind, string? text) =>
        text is null ? [] : [.. Variable().Matches(text).Select(m => m.Groups[1].Value).Where(v => !For(kind).Variables.Contains(v)).Distinct()];

    /// <summary>What an admin's words look like filled with sample values: a text's SMS segments counted, unknown variables named.</summary>
    public sealed record Preview(string? Subject, string Body, int Characters, int? Segments, IReadOnlyList<string> UnknownVariables);

    /// <param name="language">The words' language: the visit's day is written in it (English by default).</param>
    public static Result<Preview> PreviewOf(MessageKind kind, Patients.CommunicationChannel channel, string? subject, string body, string? language = null)
    {
        if (language is not null && !MessageTemplateSettingsValidator.IsLanguageTag(language))
        {
            return Error.Invalid.Field("language", "A language tag such as en, es or fr-CA.");
        }

        if (body.Length > 2000 || (subject?.Length ?? 0) > 150)
        {
            return Error.Invalid.Field("body", "At most 2,000 characters (a subject at most 150).");
        }

        var entry = For(kind);
        var sample = Booking.AppointmentWording.InLanguage(new Dictionary<string, string>(entry.Sample), language ?? "en");
        var text = Render(body, sample);
        return new Preview(
            channel == Patients.CommunicationChannel.Email ? Render(subject ?? entry.Subject, sample) : null,
            text,
            text.Length,
            channel == Patients.CommunicationChannel.Sms ? Math.Max(1, (int)Math.Ceiling(text.Length / 153.0)) : null,
            [.. Unknown(kind, body).Concat(Unknown(kind, subject)).Distinct()]);
    }

    /// <summary>The common sample values, overridden by the kind's own (a form request links to its form, not the appointments).</summary>
    private static Dictionary<string, string> Merge(Dictionary<string, string> values) =>
        new(CommonSample.Where(c => !values.ContainsKey(c.Key)).Concat(values));

    [GeneratedRegex(@"\{\{\s*([A-Za-z]+)\s*\}\}")]
    private static partial Regex Variable();
}

public sealed partial class MessageTemplateSettingsValidator : AbstractValidator<MessageTemplateSettings>
{
    public MessageTemplateSettingsValidator()
    {
        RuleFor(s => s.Languages).NotNull().Must(l => l is { Count: >= 1 and <= 5 }).WithMessage("One to five languages; the first is the one patients are written to.")
            .Must(l => l is null || l.Distinct(StringComparer.OrdinalIgnoreCase).Count() == l.Count).WithMessage("Each language once.");
        RuleForEach(s => s.Languages).NotNull().Must(l => l is not null && IsLanguageTag(l)).WithMessage("A language tag such as en, es or fr-CA.");
        RuleFor(s => s.Templates).NotNull().Must(t => t is null || t.Count <= 100).WithMessage("At most 100 templates.")
            .Must(t => t is null || t.Where(x => x is not null).GroupBy(x => (x.Kind, x.Channel, x.Language)).All(g => g.Count() == 1)).WithMessage("One template per kind, channel and language.");
        RuleForEach(s => s.Templates).NotNull().ChildRules(t =>
        {
            t.RuleFor(x => x.Channel).Must(c => c is Patients.CommunicationChannel.Email or Patients.CommunicationChannel.Sms).WithMessage("email or sms.")
                .Must((x, c) => c != Patients.CommunicationChannel.Sms || !Enum.IsDefined(x.Kind) || MessageCatalog.For(x.Kind).ByText).WithMessage("This message goes by email only (marketing is never texted).");
            t.RuleFor(x => x.Body).NotEmpty().WithMessage("Say something.").MaximumLength(2000).WithMessage("At most 2,000 characters.")
                .Must(b => b is null || !b.Any(c => char.IsControl(c) && c is not '\n')).WithMessage("No control characters (new lines are fine).");
            t.RuleFor(x => x.Body).MaximumLength(PlanMessage.SmsLimit).When(x => x.Channel == Patients.CommunicationChannel.Sms).WithMessage($"A text is at most {PlanMessage.SmsLimit} characters (three messages).");
            t.RuleFor(x => x.Subject).NotEmpty().WithMessage("An email needs a subject.").MaximumLength(150).WithMessage("At most 150 characters.")
                .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("One line, no control characters.")
                .When(x => x.Channel == Patients.CommunicationChannel.Email);
            t.RuleFor(x => x.Subject).Null().When(x => x.Channel == Patients.CommunicationChannel.Sms).WithMessage("A text has no subject.");
            t.RuleFor(x => x).Must(x => MessageCatalog.Unknown(x.Kind, x.Body).Count == 0 && MessageCatalog.Unknown(x.Kind, x.Subject).Count == 0)
                .WithName("body").WithMessage(x => $"Unknown variables: {string.Join(", ", MessageCatalog.Unknown(x.Kind, x.Body).Concat(MessageCatalog.Unknown(x.Kind, x.Subject)).Distinct().Select(v => "{{" + v + "}}"))}. This message knows {string.Join(", ", MessageCatalog.For(x.Kind).Variables.Select(v => "{{" + v + "}}"))}.");
        });
        RuleFor(s => s).Must(s => s.Templates is null || s.Languages is null || s.Templates.Where(t => t is not null).All(t => s.Languages.Contains(t.Language)))
            .WithName("templates").WithMessage("Each template is in one of the clinic's languages.");
    }

    /// <summary>A language tag as the clinic and its patients name languages: en, es, fr-CA.</summary>
    public static bool IsLanguageTag(string tag) => LanguageTag().IsMatch(tag);

    [GeneratedRegex("^[a-z]{2,3}(-[A-Z]{2})?$")]
    private static partial Regex LanguageTag();
}

public sealed class MessageTemplateStore(IDocumentStore store, IValidator<MessageTemplateSettings> validator) : Settings.ClinicSettingsStore<MessageTemplateSettings>(store, validator);
