using MedSpa.Core.Access;
using MedSpa.Core.Notifications;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Messaging;

/// <summary>Where a message goes on one channel, or why it does not.</summary>
public sealed record MessageRoute(CommunicationChannel Channel, string? To, string? SkipReason);

/// <summary>Where the app's pages are for people reading a message: links in notices are paths, made whole with this.</summary>
/// <param name="PublicUrl">The web app's address (https://…); null leaves paths as they are.</param>
public sealed record MessagingOptions(string? PublicUrl);

/// <summary>How one message goes out: its routes, its texts, and the zone whose night keeps texts back.</summary>
/// <param name="UsefulUntil">After this a send is of no use (a hold or an offer has ended): a channel that cannot go before it is skipped.</param>
public sealed record MessagePlan(IReadOnlyList<MessageRoute> Routes, string? ToName, string Subject, string EmailText, string SmsText, string ZoneId, QuietHours QuietHours,
    DateTimeOffset? UsefulUntil = null);

/// <summary>
/// Decides, for each message, who gets it on which channel as their choices allow: a patient's messages follow their
/// reminder choices (marketing needs their marketing consent and is never texted), by email to their address and by
/// SMS to their mobile number in E.164; an email to someone who is not a patient goes to the address it names.
/// </summary>
public sealed partial class PlanMessage(ClinicStore clinics, Setup.ClinicSetupStore setup, PatientStore patients, Billing.PrintInvoice print, MessageTemplateStore templates, MessagingOptions options)
{
    /// <summary>The longest text we send: three SMS segments, so that a long notice is cut rather than sent as ten.</summary>
    public const int SmsLimit = 459;

    public Task<IReadOnlyList<ClinicEntry>> ClinicsAsync(CancellationToken ct) => clinics.ListAsync(ct);

    public async Task<MessagePlan> PlanAsync<T>(T message, CancellationToken ct)
        where T : IOutboxMessage<T>
    {
        var clinic = (await clinics.FindAsync(message.TenantId, ct))?.Name ?? "Your clinic";
        var zone = (await setup.LoadAsync(message.TenantId, ct)).MainLocation?.TimeZone ?? "UTC";
        var body = Linked(message.Body);
        var email = $"{body}\n\n— {clinic}";
        var sms = Shorten($"{clinic}: {message.Subject}. {body}");
        switch (message)
        {
            case OutboundEmail outbound:
                return new MessagePlan([new MessageRoute(CommunicationChannel.Email, outbound.To, null)], outbound.ToName, message.Subject, email, sms, zone, QuietHours.Default);
            case PatientNotice notice:
                var patient = await patients.GetAsync(notice.TenantId, notice.PatientId, ct);
                var emailRoute = notice.TextOnly ? new MessageRoute(CommunicationChannel.Email, null, "A reply to the patient's text goes by text only.") : EmailRoute(patient, notice.Marketing);
                var subject = message.Subject;
                if (notice.Template is { } kind)
                {
                    // The clinic's own words for this kind in the patient's language (or its first), where it wrote them;
                    // MedSpa's (the notice's, the catalog's) elsewhere.
                    var own = (await templates.GetAsync(notice.TenantId, ct)).Body;
                    var values = new Dictionary<string, string>(notice.Values ?? new Dictionary<string, string>())
                    {
                        ["firstName"] = patient?.FirstName ?? "",
                        ["clinic"] = clinic,
                        ["link"] = Linked(notice.Values?.GetValueOrDefault("link") ?? PatientAppointmentsPath), // the notice's own page, else the appointments
                    };
                    // The clinic's words in a language get the visit's day in that language; MedSpa's (English) words, in English.
                    var language = own.LanguageFor(patient?.CommunicationPreferences.Language);
                    var inLanguage = Booking.AppointmentWording.InLanguage(values, language);
                    if (own.Find(kind, CommunicationChannel.Email, language) is { } emailTemplate)
                    {
                        subject = OneLine(MessageCatalog.Render(emailTemplate.Subject ?? subject, inLanguage));
                        email = $"{Linked(MessageCatalog.Render(emailTemplate.Body, inLanguage))}\n\n— {clinic}";
                    }

                    // A text is the clinic's words, else MedSpa's words for texts of this kind (shown as such to the admin).
                    sms = Shorten(Linked(own.Find(kind, CommunicationChannel.Sms, language) is { } smsTemplate
                        ? MessageCatalog.Render(smsTemplate.Body, inLanguage)
                        : MessageCatalog.Render(MessageCatalog.For(kind).Sms, values)));
                }

                return new MessagePlan([emailRoute, SmsRoute(patient, notice.Marketing)], patient?.DisplayName, subject, email, sms, zone, QuietHours.Default, notice.UsefulUntil);
            default:
                throw new ArgumentException($"No plan for {typeof(T).Name}.", nameof(message));
        }
    }

    /// <summary>A notice about an invoice carries its PDF as it is when sent, read as the patient it is addressed to.</summary>
    public async Task<IReadOnlyList<EmailAttachment>> AttachmentsAsync<T>(T message, CancellationToken ct)
        where T : IOutboxMessage<T>
    {
        if (message is not PatientNotice { InvoiceId: { } invoiceId } notice)
        {
            return [];
        }

        var reader = new Caller($"outbox:{notice.PatientId}", "outbox@medspa.local", "MedSpa outbox", notice.TenantId, Role.Patient, PatientId: notice.PatientId);
        var printed = await print.PrintAsync(reader, invoiceId, ct);
        return printed.IsSuccess ? [new EmailAttachment(printed.Value.FileName, "application/pdf", printed.Value.Pdf)] : [];
    }

    private static MessageRoute EmailRoute(Patient? patient, bool marketing) => patient switch
    {
        null or { Archived: true } => new(CommunicationChannel.Email, null, "The patient's record is closed."),
        { Email: null or "" } => new(CommunicationChannel.Email, null, "No email address on file."),
        _ when marketing && !patient.CommunicationPreferences.MarketingEmails => new(CommunicationChannel.Email, null, "The patient has not agreed to marketing emails."),
        _ when !marketing && !patient.CommunicationPreferences.EmailReminders => new(CommunicationChannel.Email, null, "The patient turned off emails."),
        _ => new(CommunicationChannel.Email, patient.Email, null),
    };

    private static MessageRoute SmsRoute(Patient? patient, bool marketing) => patient switch
    {
        null or { Archived: true } => new(CommunicationChannel.Sms, null, "The patient's record is closed."),
        _ when marketing => new(CommunicationChannel.Sms, null, "Marketing is never sent by text."),
        { Phone: null or "" } => new(CommunicationChannel.Sms, null, "No mobile number on file."),
        { SmsOptedOut: true } => new(CommunicationChannel.Sms, null, "The patient replied STOP to our texts."),
        _ when !patient.CommunicationPreferences.SmsReminders => new(CommunicationChannel.Sms, null, "The patient turned off texts."),
        _ => new(CommunicationChannel.Sms, patient.Phone, null),
    };

    /// <summary>A notice names the app's pages by path ("/patient/forms/…"); a person reading it elsewhere needs the whole address.</summary>
    private string Linked(string text) =>
        options.PublicUrl is { Length: > 0 } site ? AppPath().Replace(text, m => site.TrimEnd('/') + m.Value) : text;

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=^|\s)/(patient|staff)/\S*", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex AppPath();

    /// <summary>Where a patient sees and changes their appointments.</summary>
    public const string PatientAppointmentsPath = "/patient/appointments";

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static string Shorten(string text) => text.Length <= SmsLimit ? text : text[..(SmsLimit - 1)].TrimEnd() + "…";
}
