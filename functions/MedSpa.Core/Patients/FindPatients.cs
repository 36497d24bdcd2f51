namespace MedSpa.Core.Patients;

/// <summary>What the patient list asks for. Text is a name (surname or first name, or "first last"), an email, a phone number or a date of birth.</summary>
/// <param name="LastVisitFrom">Patients whose last visit was on or after this day (YYYY-MM-DD).</param>
/// <param name="LastVisitTo">Patients whose last visit was on or before this day: lapsed patients (never seen ones are not among them).</param>
public sealed record PatientListQuery(
    string? Text = null, PatientStatus? Status = null, string? Tag = null, bool IncludeArchived = false, int PageSize = 25, string? ContinuationToken = null,
    string? LastVisitFrom = null, string? LastVisitTo = null);

/// <summary>
/// The clinic's patients, found the way the desk looks for someone: by name as it is typed, by email, phone number or
/// date of birth, or the whole list in surname order, page by page (keyset). Every lookup is one index-backed query, so
/// it stays fast for a clinic with tens of thousands of patients. Archived records are left out unless asked for.
/// </summary>
public sealed class FindPatients(IDocumentStore store, PatientStore patients)
{
    public const int MaxPageSize = 100;

    public async Task<Result<DocumentPage<Patient>>> FindAsync(Caller caller, PatientListQuery query, CancellationToken ct = default)
    {
        var text = query.Text?.Trim() ?? "";
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            return Error.Invalid.Field("pageSize", $"Between 1 and {MaxPageSize}.");
        }

        if (text.Length > 100 || !PlainText.IsName(text))
        {
            return Error.Invalid.Field("q", text.Length > 100 ? "At most 100 characters." : PlainText.NameMessage);
        }

        if (query.Status is { } status && !Enum.IsDefined(status))
        {
            return Error.Invalid.Field("status", "One of active, inactive, discharged or deceased.");
        }

        foreach (var (name, day) in new[] { ("lastVisitFrom", query.LastVisitFrom), ("lastVisitTo", query.LastVisitTo) })
        {
            if (day is not null && !ApiDates.TryParseDate(day, out _))
            {
                return Error.Invalid.Field(name, ApiDates.DateMessage);
            }
        }

        var pk = Partitions.Tenant(caller.TenantId);
        var page = new DocumentQuery { OrderBy = nameof(Patient.SortName), PageSize = query.PageSize, ContinuationToken = query.ContinuationToken };
        page = query.Status is { } wanted ? page.Where(nameof(Patient.Status), FilterOperator.Equal, WireNames.Of(wanted)) : page;
        page = query.IncludeArchived ? page : page.Where(nameof(Patient.Archived), FilterOperator.NotEqual, true);
        page = query.LastVisitFrom is { } from ? page.Where(nameof(Patient.LastVisitOn), FilterOperator.GreaterThanOrEqual, from) : page;
        page = query.LastVisitTo is { } to ? page.Where(nameof(Patient.LastVisitOn), FilterOperator.LessThanOrEqual, to) : page;
        try
        {
            var found = text switch
            {
                "" => await store.QueryAsync<Patient>(Partitions.Patients, pk, page, ct),
                _ when text.Contains('@') => await store.QueryAsync<Patient>(Partitions.Patients, pk, page.Where(nameof(Patient.Email), FilterOperator.Equal, text.ToLowerInvariant()), ct),
                _ when PatientProfileValidator.IsBirthDate(text) => await store.QueryAsync<Patient>(Partitions.Patients, pk, page.Where(nameof(Patient.DateOfBirth), FilterOperator.Equal, text), ct),
                _ when text.Count(char.IsAsciiDigit) >= 7 && PatientPhone.ToE164(text, await patients.RegionAsync(caller.TenantId, ct)) is { } phone =>
                    await store.QueryAsync<Patient>(Partitions.Patients, pk, page.Where(nameof(Patient.Phone), FilterOperator.Equal, phone), ct),
                _ => await ByNameAsync(pk, page, text.ToLowerInvariant(), ct),
            };
            return query.Tag is { Length: > 0 } tag
                ? found with { Items = [.. found.Items.Where(d => d.Body.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))] }
                : found;
        }
        catch (InvalidContinuationTokenException)
        {
            return Error.Invalid.Field("continuationToken", "Not a token this list gave out; start again from the first page.");
        }
    }

    /// <summary>
    /// Names match from their start: the surname ("smi" finds Smith), the first name ("ava"), or first name and
    /// surname ("ava sto"). The best matches, in surname order, on one page (a name search is read, not paged).
    /// </summary>
    private async Task<DocumentPage<Patient>> ByNameAsync(string pk, DocumentQuery page, string text, CancellationToken ct)
    {
        DocumentQuery Prefix(string path, string prefix, int size) => (page with { OrderBy = path, ContinuationToken = null, PageSize = size })
            .Where(path, FilterOperator.GreaterThanOrEqual, prefix).Where(path, FilterOperator.LessThan, prefix + '\uffff');
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<Document<Patient>> found;
        if (words.Length > 1)
        {
            // The surname narrows (it is the more selective); the first name is checked on what it finds.
            var firstName = string.Join(' ', words[..^1]);
            var bySurname = await store.QueryAsync<Patient>(Partitions.Patients, pk, Prefix(nameof(Patient.SortName), words[^1], MaxPageSize), ct);
            found = bySurname.Items.Where(d => d.Body.FirstNameKey.StartsWith(firstName, StringComparison.Ordinal));
        }
        else
        {
            var bySurname = await store.QueryAsync<Patient>(Partitions.Patients, pk, Prefix(nameof(Patient.SortName), text, page.PageSize), ct);
            var byFirstName = await store.QueryAsync<Patient>(Partitions.Patients, pk, Prefix(nameof(Patient.FirstNameKey), text, page.PageSize), ct);
            found = bySurname.Items.Concat(byFirstName.Items);
        }

        return new DocumentPage<Patient>(
            [.. found.DistinctBy(d => d.Id).OrderBy(d => d.Body.SortName, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal).Take(page.PageSize)], null);
    }
}
