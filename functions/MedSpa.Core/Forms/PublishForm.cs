namespace MedSpa.Core.Forms;

/// <summary>
/// Publishing freezes the working copy as version N+1: patients fill it from then on; submissions to earlier versions
/// keep pointing at the version they answered, which stays readable.
/// </summary>
public sealed class PublishForm(FormStore forms, TimeProvider clock)
{
    public async Task<Result<Document<IntakeForm>>> PublishAsync(Caller caller, string id, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await forms.GetAsync(caller.TenantId, id, ct) is not { } found)
            {
                return SaveForm.NotFound(id);
            }

            var form = found.Body;
            if (!form.HasDraft)
            {
                return new Error.Conflict($"Nothing to publish: version {form.PublishedVersion} is the form as it stands.");
            }

            var now = clock.GetUtcNow();
            var version = (form.PublishedVersion ?? 0) + 1;
            await forms.AddVersionAsync(new FormVersion(FormVersion.IdFor(form.Id, version), form.TenantId, form.Id, version, now, form.Content), ct);
            try
            {
                return await forms.ReplaceAsync(form with { PublishedVersion = version, HasDraft = false, UpdatedAt = now }, found.ETag, ct);
            }
            catch (DocumentStaleException) when (attempt < 3)
            {
                // Edited meanwhile: publish what is there now.
            }
        }
    }

    /// <summary>A published version, by number or "latest": what patients fill, and what a submission answered.</summary>
    public async Task<Result<FormVersion>> ReadVersionAsync(Caller caller, string id, string version, CancellationToken ct = default)
    {
        if (await forms.GetAsync(caller.TenantId, id, ct) is not { } found)
        {
            return SaveForm.NotFound(id);
        }

        int? number = version == "latest" ? found.Body.PublishedVersion
            : int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
        if (version != "latest" && number is null)
        {
            return Error.Invalid.Field("version", "A version number (1, 2, ...) or latest.");
        }

        return number is { } wanted && await forms.VersionAsync(caller.TenantId, id, wanted, ct) is { } published
            ? published
            : new Error.NotFound(number is null ? "This form has not been published yet." : $"This form has no version {number}.");
    }
}
