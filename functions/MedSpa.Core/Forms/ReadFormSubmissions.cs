using MedSpa.Core.Patients;

namespace MedSpa.Core.Forms;

public sealed record SubmissionListItem(FormSubmission Submission, string PatientName);

/// <summary>Who filled a form, newest first, a page at a time: how a clinic finds every signature on a consent's version.</summary>
public sealed class ReadFormSubmissions(FormStore forms, PatientStore patients)
{
    public async Task<Result<(IReadOnlyList<SubmissionListItem> Items, string? ContinuationToken)>> ReadAsync(
        Caller caller, string formId, int pageSize, string? continuationToken, CancellationToken ct = default)
    {
        if (pageSize is < 1 or > DocumentQuery.MaxPageSize)
        {
            return Error.Invalid.Field("pageSize", $"Between 1 and {DocumentQuery.MaxPageSize}.");
        }

        if (await forms.GetAsync(caller.TenantId, formId, ct) is null)
        {
            return SaveForm.NotFound(formId);
        }

        DocumentPage<FormSubmission> page;
        try
        {
            page = await forms.SubmissionsForAsync(caller.TenantId, formId, pageSize, continuationToken, ct);
        }
        catch (InvalidContinuationTokenException e)
        {
            return Error.Invalid.Field("continuationToken", e.Message);
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var patientId in page.Items.Select(s => s.Body.PatientId).Distinct())
        {
            names[patientId] = await patients.GetAsync(caller.TenantId, patientId, ct) is { } p ? $"{p.FirstName} {p.LastName}" : "(removed)";
        }

        return ([.. page.Items.Select(s => new SubmissionListItem(s.Body, names[s.Body.PatientId]))], page.ContinuationToken);
    }
}
