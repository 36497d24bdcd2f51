namespace MedSpa.Core.Forms;

/// <summary>
/// The builder's save: a new form starts as a draft; an edit changes the working copy only (published versions, and
/// every submission made against them, stay as they were) and marks it as a draft until the next publish.
/// </summary>
public sealed class SaveForm(FormStore forms, TimeProvider clock)
{
    private static readonly FormContentValidator Validator = new();

    public async Task<Result<Document<IntakeForm>>> CreateAsync(Caller caller, FormContent content, CancellationToken ct = default)
    {
        if (Check(content) is { } invalid)
        {
            return invalid;
        }

        var form = new IntakeForm($"form-{Guid.NewGuid():N}", caller.TenantId, Tidy(content), PublishedVersion: null, HasDraft: true, clock.GetUtcNow());
        return await forms.CreateAsync(form, ct);
    }

    public async Task<Result<Document<IntakeForm>>> UpdateAsync(Caller caller, string id, FormContent content, string? ifMatch, CancellationToken ct = default)
    {
        if (await forms.GetAsync(caller.TenantId, id, ct) is not { } found)
        {
            return NotFound(id);
        }

        if (ifMatch is null)
        {
            return new Error.VersionRequired("Reload the form before saving: someone may have changed it.");
        }

        if (Check(content) is { } invalid)
        {
            return invalid;
        }

        try
        {
            return found.ETag != ifMatch ? Stale()
                : await forms.ReplaceAsync(found.Body with { Content = Tidy(content), HasDraft = true, UpdatedAt = clock.GetUtcNow() }, ifMatch, ct);
        }
        catch (DocumentStaleException)
        {
            return Stale();
        }
    }

    public static Error.NotFound NotFound(string id) => new($"No form with id '{id}' in this clinic.");

    private static Error.Stale Stale() => new("Someone else changed this form since you opened it. Reload to see their changes.");

    private static Error.Invalid? Check(FormContent content)
    {
        var validation = Validator.Validate(content);
        return validation.IsValid ? null : FieldErrors.From(validation);
    }

    /// <summary>What people typed, without the spaces around it.</summary>
    private static FormContent Tidy(FormContent content) => content with
    {
        Name = content.Name.Trim(),
        Description = string.IsNullOrWhiteSpace(content.Description) ? null : content.Description.Trim(),
        LegalText = string.IsNullOrWhiteSpace(content.LegalText) ? null : content.LegalText.Trim(),
        Sections = [.. content.Sections.Select(s => s with
        {
            Title = s.Title.Trim(),
            Fields = [.. s.Fields.Select(f => f with
            {
                Label = f.Label.Trim(),
                Help = string.IsNullOrWhiteSpace(f.Help) ? null : f.Help.Trim(),
                Options = [.. f.Options.Select(o => o.Trim())],
            })],
        })],
    };
}
