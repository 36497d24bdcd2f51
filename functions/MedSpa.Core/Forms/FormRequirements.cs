namespace MedSpa.Core.Forms;

/// <summary>A form a visit needs and the patient has not validly filled (not yet, or their consent will have expired).</summary>
public sealed record MissingForm(string FormId, string Name, FormKind Kind)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsConsent => Kind is FormKind.Consent or FormKind.PhotoRelease;
}

/// <summary>What one patient has on file, read once and asked about several visits.</summary>
public sealed record FormsOnFile(IReadOnlyDictionary<string, IntakeForm> Published, IReadOnlyList<FormSubmission> Submissions)
{
    /// <summary>
    /// The one rule for what a visit still needs: the published forms and consents its service requires, less those
    /// the patient has a submission for that is not superseded and has not expired by the start of the visit. A form
    /// the clinic has not published cannot be filled, so it is not asked for; an id that names no form is ignored.
    /// </summary>
    public IReadOnlyList<MissingForm> MissingFor(Service service, DateTimeOffset visitStart) =>
        [.. service.RequiredFormIds.Concat(service.RequiredConsentIds).Distinct(StringComparer.Ordinal)
            .Where(Published.ContainsKey)
            .Select(id => Published[id])
            .Where(form => !Submissions.Any(s => s.FormId == form.Id && s.ValidAt(visitStart)))
            .Select(form => new MissingForm(form.Id, form.Content.Name, form.Content.Kind))];

    /// <summary>Whether the patient signed <paramref name="formId"/> before and it has lapsed (rather than never).</summary>
    public bool HasExpired(string formId, DateTimeOffset at) =>
        Submissions.Any(s => s.FormId == formId && s.SupersededBy is null && !s.ValidAt(at));
}

/// <summary>Reads what a patient has on file and answers what a visit still needs (see <see cref="FormsOnFile.MissingFor"/>).</summary>
public sealed class FormRequirements(FormStore forms)
{
    public async Task<FormsOnFile> OnFileAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        new((await forms.ListAsync(tenantId, ct)).Select(d => d.Body).Where(f => f.PublishedVersion is not null).ToDictionary(f => f.Id, StringComparer.Ordinal),
            [.. (await forms.SubmissionsOfAsync(tenantId, patientId, ct)).Select(d => d.Body)]);

    public async Task<IReadOnlyList<MissingForm>> MissingAsync(string tenantId, string patientId, Service service, DateTimeOffset visitStart, CancellationToken ct = default) =>
        service.RequiredFormIds.Count + service.RequiredConsentIds.Count == 0 ? []
            : (await OnFileAsync(tenantId, patientId, ct)).MissingFor(service, visitStart);
}
