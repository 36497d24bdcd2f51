using MedSpa.Core.Access;
using MedSpa.Core.Booking;
using MedSpa.Core.Notifications;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Messaging;

/// <summary>A text a patient sent to the clinic's number (ACS's SMSReceived).</summary>
public sealed record InboundSms(string MessageId, string From, string To, string Text, DateTimeOffset ReceivedAt);

/// <summary>A text in the front desk's inbox: one the system could not act on, or a patient asking for another time.</summary>
public sealed record InboxMessage(string Id, string TenantId, string PatientId, string PatientName, string From, string Text, string Reason, DateTimeOffset At)
{
    public const string DocumentKind = "inbox-message";

    public string Kind => DocumentKind;

    public bool Done { get; init; }

    public string? DoneBy { get; init; }

    public DateTimeOffset? DoneAt { get; init; }

    /// <summary>What the desk texted back from the inbox, oldest first.</summary>
    public IReadOnlyList<InboxReply> Replies { get; init; } = [];
}

/// <summary>A text the desk sent back to a patient from the inbox (keyed, so a retried send is one reply).</summary>
public sealed record InboxReply(string Key, string Text, string By, DateTimeOffset At);

/// <summary>
/// Acts on a patient's text, once per message: C confirms their next visit, R asks for another time (they are told how,
/// and the desk sees it), STOP / START turn our texts off and on again (the carrier has already answered them), HELP
/// gets our number's help; anything else lands in the front desk's inbox. Every text is kept in the patient's
/// communication log. A text from a number no patient has is not kept (there is no one to file it under).
/// </summary>
public sealed class ReceiveSms(ClinicStore clinics, PatientStore patients, AppointmentStore appointments, ChangeAppointmentStatus status, PatientNoticeStore notices, IDocumentStore store, TimeProvider clock)
{
    private static readonly string[] Stop = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"];
    private static readonly string[] Start = ["START", "UNSTOP", "YES"];
    private static readonly string[] Help = ["HELP", "INFO"];
    private static readonly string[] Confirm = ["C", "CONFIRM"];
    private static readonly string[] Reschedule = ["R", "RESCHEDULE"];

    /// <returns>What was done, per clinic whose patient sent it ("confirmed", "inbox", "opted-out" …), or "unknown-sender".</returns>
    public async Task<string> ReceiveAsync(InboundSms sms, CancellationToken ct = default)
    {
        var from = E164(sms.From);
        var done = new List<string>();
        foreach (var clinic in await clinics.ListAsync(ct))
        {
            foreach (var patient in await patients.FindByPhoneAsync(clinic.TenantId, from, ct))
            {
                done.Add(await ActAsync(clinic.TenantId, patient, sms with { From = from }, ct));
            }
        }

        return done.Count == 0 ? "unknown-sender" : string.Join(", ", done.Distinct());
    }

    private async Task<string> ActAsync(string tenantId, Patient patient, InboundSms sms, CancellationToken ct)
    {
        // Kept once: a repeated delivery of the same message finds it logged and does nothing again.
        var logged = new CommunicationEntry($"sms-in:{sms.MessageId}", tenantId, patient.Id, sms.ReceivedAt, CommunicationChannel.Sms, CommunicationDirection.Inbound,
            "Text from the patient", Truncate(sms.Text, 4000), patient.DisplayName, null);
        if (!await store.CreateOnceAsync(Partitions.Notifications, tenantId, logged.Id, logged, ct))
        {
            return "repeat";
        }

        var word = sms.Text.Trim().TrimEnd('.', '!').ToUpperInvariant();
        if (Stop.Contains(word) || Start.Contains(word))
        {
            var optedOut = Stop.Contains(word);
            await store.ChangeAsync<Patient>(Partitions.Patients, Partitions.Tenant(tenantId), patient.Id, p => p with { SmsOptedOut = optedOut }, ct);
            return optedOut ? "opted-out" : "opted-in";
        }

        if (Help.Contains(word))
        {
            await ReplyAsync(tenantId, patient, sms, "help", "Help with our texts",
                "Reply C to confirm your next visit, R to ask for another time, STOP to stop our texts. Or call us.", ct);
            return "help";
        }

        var next = (await appointments.ForPatientAsync(tenantId, patient.Id, ct))
            .Where(a => a.StartTime > clock.GetUtcNow() && a.Status is AppointmentStatus.Scheduled or AppointmentStatus.Confirmed)
            .OrderBy(a => a.StartTime).FirstOrDefault();
        if (Confirm.Contains(word) && next is not null)
        {
            // Confirming is the desk's change to make (patients cancel or move online); their text asks for it, so the
            // system makes it on the desk's behalf, named for the text.
            var onTheirWord = new Booker(tenantId, new Caller($"sms:{patient.Id}", "sms-reply@medspa.local", $"Text reply from {patient.DisplayName}", tenantId, Role.FrontDesk));
            if (next.Status == AppointmentStatus.Confirmed || (await status.ChangeAsync(onTheirWord, next.Id, "confirmed", "Confirmed by text", ct: ct)).IsSuccess)
            {
                await ReplyAsync(tenantId, patient, sms, "confirmed", "Thank you", $"Your {next.ServiceName} is confirmed. See you then!", ct);
                return "confirmed";
            }
        }

        if (Reschedule.Contains(word) && next is not null)
        {
            await ReplyAsync(tenantId, patient, sms, "reschedule", "Choosing another time",
                $"To move your {next.ServiceName}, open My appointments in our booking app and choose Reschedule — or we'll call you.", ct);
            await ToInboxAsync(tenantId, patient, sms, $"Asked for another time for {next.ServiceName}", ct);
            return "reschedule";
        }

        await ToInboxAsync(tenantId, patient, sms, next is null && (Confirm.Contains(word) || Reschedule.Contains(word)) ? "No upcoming visit to act on" : "A reply for the desk", ct);
        return "inbox";
    }

    private Task ReplyAsync(string tenantId, Patient patient, InboundSms sms, string what, string subject, string body, CancellationToken ct) =>
        notices.RecordAsync(new PatientNotice($"sms-in:{sms.MessageId}:{what}", tenantId, patient.Id, subject, body, clock.GetUtcNow()) { TextOnly = true }, ct);

    private Task<bool> ToInboxAsync(string tenantId, Patient patient, InboundSms sms, string reason, CancellationToken ct) =>
        store.CreateOnceAsync(Partitions.Notifications, tenantId, $"inbox:{sms.MessageId}",
            new InboxMessage($"inbox:{sms.MessageId}", tenantId, patient.Id, patient.DisplayName, sms.From, Truncate(sms.Text, 2000), reason, sms.ReceivedAt), ct);

    /// <summary>ACS may write a number without its '+' ("15555555555"); it is always international, so read as such.</summary>
    private static string E164(string number)
    {
        var international = number.Trim().StartsWith('+') ? number.Trim() : "+" + number.Trim();
        return PatientPhone.ToE164(international, "US") ?? international; // the region is not used once there is a '+'
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
