using System.Text.Json;
using FluentValidation;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Forms;

/// <summary>What a patient (or a parent, or the desk with the patient) hands in.</summary>
public sealed record SubmitFormRequest(string? PatientId, int? Version, IReadOnlyDictionary<string, JsonElement>? Answers, string? SignerName, string? AppointmentId);

public sealed class SubmitFormRequestValidator : AbstractValidator<SubmitFormRequest>
{
    public SubmitFormRequestValidator()
    {
        RuleFor(r => r.PatientId).NotEmpty().WithMessage("Required.").MaximumLength(100).WithMessage("At most 100 characters.").Name();
        RuleFor(r => r.Version).NotNull().WithMessage("Required: the version you filled.").GreaterThan(0).WithMessage("A version number (1, 2, ...).");
        RuleFor(r => r.SignerName).NotEmpty().WithMessage("Required: your full name.").MaximumLength(120).WithMessage("At most 120 characters.").Name();
        RuleFor(r => r.AppointmentId).MaximumLength(100).WithMessage("At most 100 characters.").Name();
        RuleFor(r => r.Answers).Must(a => a is null || a.Count <= FormContentValidator.MaxFields).WithMessage($"At most {FormContentValidator.MaxFields} answers.");
    }
}

/// <summary>A form was handed in: the visits that waited for it look again.</summary>
public sealed record FormSubmitted(string TenantId, string PatientId, string FormId) : IDomainEvent;

/// <summary>
/// Hands in a form: the answers are checked against the version filled (on the server, conditions included), sealed
/// with their evidence and hash, and stored once; an earlier submission of the same form is superseded, never changed
/// otherwise. Only the latest published version can be filled: a patient holding an older one is asked to reload.
/// </summary>
public sealed class SubmitForm(FormStore forms, PatientAccess access, Booking.AppointmentStore appointments, DomainEventQueue events, TimeProvider clock)
{
    private static readonly SubmitFormRequestValidator Validator = new();

    public async Task<Result<Document<FormSubmission>>> SubmitAsync(Caller caller, string formId, SubmitFormRequest request, SigningContext signing, CancellationToken ct = default)
    {
        if (await forms.GetAsync(caller.TenantId, formId, ct) is not { } form)
        {
            return SaveForm.NotFound(formId);
        }

        var shape = Validator.Validate(request);
        if (!shape.IsValid)
        {
            return FieldErrors.From(shape);
        }

        var patientId = request.PatientId ?? "";
        var opened = await access.OpenAsync(caller, patientId, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var patient = opened.Value;

        if (form.Body.PublishedVersion is not { } current)
        {
            return new Error.Conflict("This form has not been published yet.");
        }

        if (current != request.Version)
        {
            return new Error.Conflict($"This form was updated (version {current}). Please reload it and fill in the current version.");
        }

        var version = await forms.VersionAsync(caller.TenantId, formId, current, ct);
        if (version is null)
        {
            return new Error.Conflict("This version is being published. Please try again in a moment.");
        }

        var answers = FormAnswers.Check(version.Content, request.Answers);
        if (!answers.IsSuccess)
        {
            return answers.Error;
        }

        if (request.AppointmentId is { } appointmentId
            && (await appointments.GetAsync(caller.TenantId, appointmentId, ct))?.Body.PatientId != patient.Body.Id)
        {
            return Error.Invalid.Field("appointmentId", "No such appointment of this patient.");
        }

        var now = clock.GetUtcNow();
        var signer = (request.SignerName ?? "").Trim();
        var content = version.Content;
        var submission = new FormSubmission(
            $"submission-{Guid.NewGuid():N}", caller.TenantId, patient.Body.Id, formId, content.Name, content.Kind, version.Version, request.AppointmentId,
            answers.Value, signer, now, new SubmittedBy(caller.DisplayName, RoleNames.ToWire(caller.Role)), Clip(signing.IpAddress, 64), Clip(signing.UserAgent, 500),
            content.LegalText, FormSubmission.HashOf(formId, version.Version, content.LegalText, signer, now, answers.Value), content.ExpiresAt(now));
        var stored = await forms.AddSubmissionAsync(submission, ct);
        await SupersedeEarlierAsync(submission, ct);
        events.Raise(new FormSubmitted(caller.TenantId, patient.Body.Id, formId));
        return stored;
    }

    private async Task SupersedeEarlierAsync(FormSubmission latest, CancellationToken ct)
    {
        var earlier = (await forms.SubmissionsOfAsync(latest.TenantId, latest.PatientId, ct))
            .Where(s => s.Body.FormId == latest.FormId && s.Body.Id != latest.Id && s.Body.SupersededBy is null && s.Body.SubmittedAt <= latest.SubmittedAt);
        foreach (var previous in earlier)
        {
            try
            {
                await forms.ReplaceSubmissionAsync(previous.Body with { SupersededBy = latest.Id }, previous.ETag, ct);
            }
            catch (DocumentStaleException)
            {
                // Superseded by a concurrent submission already.
            }
        }
    }

    private static string? Clip(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}
