using MedSpa.Core.Booking;
using MedSpa.Core.Messaging;
using MedSpa.Core.Notifications;
using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Deposits;

/// <summary>
/// Asks a patient who left a held booking without paying to pay its deposit before the hold ends: what is held, until
/// when, how much, and the link back to paying. Once per booking, and never after the hold (the outbox drops it then).
/// </summary>
public sealed class AskForDeposit(AppointmentStore book, ClinicSetupStore setup, BookingPolicyStore policies, PatientNoticeStore notices, TimeProvider clock)
{
    /// <summary>Where the patient pays a held booking's deposit.</summary>
    public static string LinkTo(string appointmentId) => $"/patient/book?pay={Uri.EscapeDataString(appointmentId)}";

    public async Task AskAsync(string tenantId, string appointmentId, CancellationToken ct = default)
    {
        if ((await book.GetAsync(tenantId, appointmentId, ct))?.Body is not { Status: AppointmentStatus.PendingDeposit, DepositAmount: { } deposit, HoldExpiresAt: { } holdUntil } appointment)
        {
            return; // paid or released meanwhile
        }

        var clinic = await setup.LoadAsync(tenantId, ct);
        var clockFormat = (await policies.GetAsync(tenantId, ct)).Body.ClockFormat;
        var values = new Dictionary<string, string>(AppointmentWording.Values(clinic, appointment, clockFormat))
        {
            ["deposit"] = deposit.ToDisplay(), ["holdUntil"] = clockFormat.TimeOfDay(AppointmentWording.AtLocation(clinic, appointment.LocationId, holdUntil)), ["link"] = LinkTo(appointment.Id),
        };
        var words = MessageCatalog.For(MessageKind.DepositRequest);
        await notices.RecordAsync(new PatientNotice($"{appointment.Id}:deposit-request", tenantId, appointment.PatientId, words.Subject,
            MessageCatalog.Render(words.Email, values), clock.GetUtcNow()) { Template = words.Kind, Values = values, UsefulUntil = holdUntil }, ct);
    }
}
