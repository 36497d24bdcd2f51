using MedSpa.Core.Access;
using MedSpa.Core.Notifications;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Messaging;

/// <summary>Where a message goes on one channel, or why it does not.</summary>
public sealed record MessageRoute(CommunicationChannel Channel, string? To, string? SkipReason);

/// <summary>How one message goes out: its routes, its texts, and the zone whose night keeps texts back.</summary>
public sealed record MessagePlan(IReadOnlyList<MessageRoute> Routes, string? ToName, string EmailText, string SmsText, string ZoneId, QuietHours QuietHours);

/// <summary>
/// Decides, for each message, who gets it on which channel as their choices allow: a patient's messages follow their
/// reminder choices (marketing needs their marketing consent and is never texted), by email to their address and by
/// SMS to their mobile number in E.164; an email to someone who is not a patient goes to the address it names.
/// </summary>
public sealed class PlanMessage(ClinicStore clinics, Setup.ClinicSetupStore setup, PatientStore patients, Billing.PrintInvoice print)
{
    /// <summary>The longest text we send: three SMS segments, so that a long notice is cut rather than sent as ten.</summary>
    public const int SmsLimit = 459;

    public Task<IReadOnlyList<ClinicEntry>> ClinicsAsync(CancellationToken ct) => clinics.ListAsync(ct);

    public async Task<MessagePlan> PlanAsync<T>(T message, CancellationToken ct)
        where T : IOutboxMessage<T>
    {
        var clinic = (await clinics.FindAsync(message.TenantId, ct))?.Name ?? "Your clinic";
        var zone = (await setup.LoadAsync(message.TenantId, ct)).MainLocation?.TimeZone ?? "UTC";
        var email = $"{message.Body}\n\n— {clinic}";
        var sms = Shorten($"{clinic}: {message.Subject}. {message.Body}");
        switch (message)
        {
            case OutboundEmail outbound:
                return new MessagePlan([new MessageRoute(CommunicationChannel.Email, outbound.To, null)], outbound.ToName, email, sms, zone, QuietHours.Default);
            case PatientNotice notice:
                var patient = await patients.GetAsync(notice.TenantId, notice.PatientId, ct);
                var emailRoute = notice.TextOnly ? new MessageRoute(CommunicationChannel.Email, null, "A reply to the patient's text goes by text only.") : EmailRoute(patient, notice.Marketing);
                return new MessagePlan([emailRoute, SmsRoute(patient, notice.Marketing)], patient?.DisplayName, email, sms, zone, QuietHours.Default);
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

    private static string Shorten(string text) => text.Length <= SmsLimit ? text : text[..(SmsLimit - 1)].TrimEnd() + "…";
}
