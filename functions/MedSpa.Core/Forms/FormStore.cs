namespace MedSpa.Core.Forms;

/// <summary>
/// A clinic's forms, their published versions, the submissions and the requests to fill them, in the forms container
/// (one partition per clinic). Versions and submissions are written once; only a submission's <c>supersededBy</c> is
/// set later, when a newer one of the same form arrives.
/// </summary>
public sealed class FormStore(IDocumentStore store)
{
    private const string Container = Partitions.Forms;

    public async Task<IReadOnlyList<Document<IntakeForm>>> ListAsync(string tenantId, CancellationToken ct = default) =>
        await store.QueryAllAsync<IntakeForm>(Container, Partitions.Tenant(tenantId), new DocumentQuery { OrderBy = nameof(IntakeForm.SortName) }
            .Where(nameof(IntakeForm.Kind), FilterOperator.Equal, IntakeForm.DocumentKind), ct);

    /// <summary>The builder's list: by name, a page at a time, optionally of one kind.</summary>
    public async Task<Result<DocumentPage<IntakeForm>>> PageAsync(string tenantId, FormKind? kind, int pageSize, string? continuationToken, CancellationToken ct = default)
    {
        if (pageSize is < 1 or > DocumentQuery.MaxPageSize)
        {
            return Error.Invalid.Field("pageSize", $"Between 1 and {DocumentQuery.MaxPageSize}.");
        }

        var query = new DocumentQuery { OrderBy = nameof(IntakeForm.SortName), PageSize = pageSize, ContinuationToken = continuationToken }
            .Where(nameof(IntakeForm.Kind), FilterOperator.Equal, IntakeForm.DocumentKind);
        try
        {
            return await store.QueryAsync<IntakeForm>(Container, Partitions.Tenant(tenantId),
                kind is { } wanted ? query.Where($"{nameof(IntakeForm.Content)}.{nameof(FormContent.Kind)}", FilterOperator.Equal, wanted) : query, ct);
        }
        catch (InvalidContinuationTokenException e)
        {
            return Error.Invalid.Field("continuationToken", e.Message);
        }
    }

    public Task<Document<IntakeForm>?> GetAsync(string tenantId, string id, CancellationToken ct = default) =>
        ReadAsync<IntakeForm>(tenantId, id, f => f.Kind == IntakeForm.DocumentKind, ct);

    public Task<Document<IntakeForm>> CreateAsync(IntakeForm form, CancellationToken ct = default) => SaveAsync(form.TenantId, form.Id, form, null, ct);

    public Task<Document<IntakeForm>> ReplaceAsync(IntakeForm form, string etag, CancellationToken ct = default) => SaveAsync(form.TenantId, form.Id, form, etag, ct);

    public async Task<FormVersion?> VersionAsync(string tenantId, string formId, int version, CancellationToken ct = default) =>
        (await store.ReadAsync<FormVersion>(Container, Partitions.Tenant(tenantId), FormVersion.IdFor(formId, version), ct))?.Body;

    /// <summary>Writes a version once; a retried publish finds it there and keeps the first.</summary>
    public Task AddVersionAsync(FormVersion version, CancellationToken ct = default) =>
        store.CreateOnceAsync(Container, Partitions.Tenant(version.TenantId), version.Id, version, ct);

    /// <summary>A patient's submissions, newest first (superseded ones too: they are the history).</summary>
    public async Task<IReadOnlyList<Document<FormSubmission>>> SubmissionsOfAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        await store.QueryAllAsync<FormSubmission>(Container, Partitions.Tenant(tenantId), new DocumentQuery { OrderBy = nameof(FormSubmission.SubmittedAt), Descending = true }
            .Where(nameof(FormSubmission.PatientId), FilterOperator.Equal, patientId).Where(nameof(FormSubmission.Kind), FilterOperator.Equal, FormSubmission.DocumentKind), ct);

    /// <summary>The submissions of one form, newest first, a page at a time.</summary>
    public Task<DocumentPage<FormSubmission>> SubmissionsForAsync(string tenantId, string formId, int pageSize, string? continuationToken, CancellationToken ct = default) =>
        store.QueryAsync<FormSubmission>(Container, Partitions.Tenant(tenantId), new DocumentQuery
        {
            OrderBy = nameof(FormSubmission.SubmittedAt), Descending = true, PageSize = pageSize, ContinuationToken = continuationToken,
        }.Where(nameof(FormSubmission.FormId), FilterOperator.Equal, formId).Where(nameof(FormSubmission.Kind), FilterOperator.Equal, FormSubmission.DocumentKind), ct);

    public Task<Document<FormSubmission>?> SubmissionAsync(string tenantId, string id, CancellationToken ct = default) =>
        ReadAsync<FormSubmission>(tenantId, id, f => f.Kind == FormSubmission.DocumentKind, ct);

    public Task<Document<FormSubmission>> AddSubmissionAsync(FormSubmission submission, CancellationToken ct = default) =>
        SaveAsync(submission.TenantId, submission.Id, submission, null, ct);

    /// <summary>Only to mark it superseded: nothing else of a submission ever changes.</summary>
    public Task<Document<FormSubmission>> ReplaceSubmissionAsync(FormSubmission submission, string etag, CancellationToken ct = default) =>
        SaveAsync(submission.TenantId, submission.Id, submission, etag, ct);

    /// <summary>The forms sent to a patient that are still open (a submission after the request closes it).</summary>
    public async Task<IReadOnlyList<FormRequest>> RequestsOfAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<FormRequest>(Container, Partitions.Tenant(tenantId), new DocumentQuery { OrderBy = nameof(FormRequest.RequestedAt), Descending = true }
            .Where(nameof(FormRequest.PatientId), FilterOperator.Equal, patientId).Where(nameof(FormRequest.Kind), FilterOperator.Equal, FormRequest.DocumentKind), ct)).Select(d => d.Body)];

    /// <summary>Records a request once per id (the id names what asked: the desk's send, or an appointment).</summary>
    public Task AddRequestAsync(FormRequest request, CancellationToken ct = default) =>
        store.CreateOnceAsync(Container, Partitions.Tenant(request.TenantId), request.Id, request, ct);

    /// <summary>A document of the kind asked for (the container holds several), or null; ids are bounded, as the API's are.</summary>
    private async Task<Document<T>?> ReadAsync<T>(string tenantId, string id, Func<T, bool> isKind, CancellationToken ct) =>
        id.Length <= 100 && await store.ReadAsync<T>(Container, Partitions.Tenant(tenantId), id, ct) is { } found && isKind(found.Body) ? found : null;

    /// <summary>Creates (no ETag) or replaces if unchanged since <paramref name="etag"/>.</summary>
    private Task<Document<T>> SaveAsync<T>(string tenantId, string id, T body, string? etag, CancellationToken ct) =>
        etag is null ? store.CreateAsync(Container, Partitions.Tenant(tenantId), id, body, ct) : store.ReplaceAsync(Container, Partitions.Tenant(tenantId), id, body, etag, ct);
}
