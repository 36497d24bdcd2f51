using MedSpa.Core.Messaging;
using MedSpa.Core.Notifications;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Forms;

public sealed record SendFormRequest(string? PatientId, string? AppointmentId);

/// <summary>A booking needs forms the patient has not filled: send them the links.</summary>
public sealed record FormsNeeded(string TenantId, string AppointmentId) : IDomainEvent;

/// <summary>
/// Sends forms to a patient: the desk picks any published form, and a booking sends what its service requires. Each
/// send is a message in the patient's communications with the link to fill the form in the portal; a form sent by the
/// desk stays outstanding until the patient hands it in.
/// </summary>
public sealed class SendForm(FormStore forms, PatientAccess access, Booking.AppointmentStore appointments, PatientNoticeStore notices, TimeProvider clock)
{
    /// <summary>Where a patient fills a form in the portal.</summary>
    public static string LinkTo(string formId, string? appointmentId = null) =>
        $"/patient/forms/{Uri.EscapeDataString(formId)}" + (appointmentId is null ? "" : $"?appointment={Uri.EscapeDataString(appointmentId)}");

    public async Task<Result<FormRequest>> SendAsync(Caller caller, string formId, SendFormRequest request, CancellationToken ct = default)
    {
        if (await forms.GetAsync(caller.TenantId, formId, ct) is not { } form)
        {
            return SaveForm.NotFound(formId);
        }

        if (string.IsNullOrEmpty(request.PatientId) || request.PatientId.Length > 100)
        {
            return Error.Invalid.Field("patientId", "Required: the patient to send it to.");
        }

        var opened = await access.OpenAsync(caller, request.PatientId, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var patient = opened.Value;

        if (request.AppointmentId is { } appointmentId && (appointmentId.Length > 100
            || (await appointments.GetAsync(caller.TenantId, appointmentId, ct))?.Body.PatientId != patient.Body.Id))
        {
            return Error.Invalid.Field("appointmentId", "No such appointment of this patient.");
        }

        if (form.Body.PublishedVersion is null)
        {
            return new Error.Conflict("Publish the form before sending it: patients can only fill a published form.");
        }

        var now = clock.GetUtcNow();
        var sent = new FormRequest($"request-{Guid.NewGuid():N}", caller.TenantId, patient.Body.Id, formId, request.AppointmentId, now, caller.DisplayName);
        await forms.AddRequestAsync(sent, ct);
        var name = form.Body.Content.Name;
        var link = LinkTo(formId, request.AppointmentId);
        await notices.RecordAsync(new PatientNotice(sent.Id, caller.TenantId, patient.Body.Id, $"Please fill in: {name}",
            $"Your clinic asks you to fill in \"{name}\" before your visit: {link}", now) { Template = MessageKind.FormRequest, Values = Values([(name, link)]) }, ct);
        return sent;
    }

    /// <summary>
    /// The follow-up of a booking that needs forms: one message listing each with its link, once per booking and time
    /// (a visit moved past a consent's expiry asks again).
    /// </summary>
    public async Task ForAppointmentAsync(string tenantId, string appointmentId, CancellationToken ct = default)
    {
        if (await appointments.GetAsync(tenantId, appointmentId, ct) is not { Body: { MissingForms.Count: > 0 } appointment })
        {
            return;
        }

        var values = Values([.. appointment.MissingForms.Select(f => (f.Name, LinkTo(f.FormId, appointment.Id)))]);
        await notices.RecordAsync(new PatientNotice($"{appointment.Id}:forms:{appointment.StartTime.UtcDateTime:yyyyMMdd'T'HHmm}", tenantId, appointment.PatientId, $"Forms to fill before your {appointment.ServiceName}",
            $"Please fill these in before your visit, on your phone or computer:\n{values["forms"]}", clock.GetUtcNow()) { Template = MessageKind.FormRequest, Values = values }, ct);
    }

    /// <summary>Where a patient sees every form they have to fill.</summary>
    public const string MyFormsPath = "/patient/forms";

    /// <summary>A form request's variables: each form on a line with its link; the link is the one form's, or the list of them.</summary>
    private static Dictionary<string, string> Values(IReadOnlyList<(string Name, string Link)> forms) => new()
    {
        ["forms"] = string.Join('\n', forms.Select(f => $"- {f.Name}: {f.Link}")),
        ["link"] = forms.Count == 1 ? forms[0].Link : MyFormsPath,
    };
}
