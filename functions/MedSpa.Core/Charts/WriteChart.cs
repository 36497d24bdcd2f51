using FluentValidation;

namespace MedSpa.Core.Charts;

public sealed record SignChartRequest(string? Credentials);

public sealed record AmendChartRequest(string? Text);

/// <summary>
/// What the practitioner does to a chart after starting it: edit the draft (with the version they read), sign it,
/// lock it, amend it once closed, share it with the patient. Each step is the chart's own rule
/// (<see cref="Chart"/>); this checks who may take it, validates what they wrote, and saves it only if nobody saved
/// meanwhile.
/// </summary>
public sealed class WriteChart(ChartStore charts, ChartAccess access, ClinicSetupStore setupReader, TimeProvider clock)
{
    public async Task<Result<Document<Chart>>> EditAsync(Caller caller, string id, ChartContent content, string? ifMatch, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(ifMatch))
        {
            return new Error.VersionRequired("Reload the chart before saving: it may have changed.");
        }

        var opened = await access.OpenToWriteAsync(caller, id, adminToo: false, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var chart = opened.Value.Body;
        var template = await charts.TemplateAsync(caller.TenantId, chart.TemplateId, ct);
        if (Check(content, chart, template) is { } invalid)
        {
            return invalid;
        }

        return await SaveAsync(chart.Edit(Tidy(content), clock.GetUtcNow()), ifMatch, ct);
    }

    public async Task<Result<Document<Chart>>> SignAsync(Caller caller, string id, SignChartRequest request, CancellationToken ct = default)
    {
        var opened = await access.OpenToWriteAsync(caller, id, adminToo: false, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        if (request.Credentials is { } credentials && (credentials.Length > 120 || !PlainText.IsName(credentials)))
        {
            return Error.Invalid.Field("credentials", "At most 120 characters, one line.");
        }

        return await SaveAsync(opened.Value.Body.Sign(await SignatureAsync(caller, request.Credentials, ct)), opened.Value.ETag, ct);
    }

    public async Task<Result<Document<Chart>>> LockAsync(Caller caller, string id, CancellationToken ct = default)
    {
        var opened = await access.OpenToWriteAsync(caller, id, adminToo: true, ct);
        return opened.IsSuccess ? await SaveAsync(opened.Value.Body.Lock(caller.DisplayName, clock.GetUtcNow()), opened.Value.ETag, ct) : opened.Error;
    }

    public async Task<Result<Document<Chart>>> AmendAsync(Caller caller, string id, AmendChartRequest request, CancellationToken ct = default)
    {
        var opened = await access.OpenToWriteAsync(caller, id, adminToo: true, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 10_000 || !PlainText.IsText(request.Text))
        {
            return Error.Invalid.Field("text", "Write the amendment: plain text, at most 10,000 characters.");
        }

        var amendment = new ChartAmendment($"amendment-{Guid.NewGuid():N}", request.Text.Trim(), await SignatureAsync(caller, null, ct));
        return await SaveAsync(opened.Value.Body.Amend(amendment), opened.Value.ETag, ct);
    }

    /// <summary>Shares a closed chart with the patient, whole or its after-care only; sharing it again changes nothing (or widens it).</summary>
    public async Task<Result<Document<Chart>>> ShareAsync(Caller caller, string id, bool afterCareOnly = false, CancellationToken ct = default)
    {
        var opened = await access.OpenToWriteAsync(caller, id, adminToo: true, ct);
        if (!opened.IsSuccess)
        {
            return opened;
        }

        var shared = opened.Value.Body.Share(afterCareOnly, clock.GetUtcNow());
        return shared is { IsSuccess: true, Value: var same } && ReferenceEquals(same, opened.Value.Body) ? opened : await SaveAsync(shared, opened.Value.ETag, ct);
    }

    /// <summary>The signer as the clinic knows them: their name and, unless they say otherwise, their certifications.</summary>
    private async Task<ChartSignature> SignatureAsync(Caller caller, string? credentials, CancellationToken ct)
    {
        var member = (await setupReader.LoadAsync(caller.TenantId, ct)).Member(caller.StaffId);
        var certified = member?.Practitioner?.Certifications.Select(c => c.Name).ToList() is { Count: > 0 } names ? string.Join(", ", names) : null;
        return new ChartSignature(caller.StaffId ?? caller.UserId, member?.DisplayName ?? caller.DisplayName, string.IsNullOrWhiteSpace(credentials) ? certified : credentials.Trim(),
            clock.GetUtcNow());
    }

    private async Task<Result<Document<Chart>>> SaveAsync(Result<Chart> changed, string etag, CancellationToken ct)
    {
        if (!changed.IsSuccess)
        {
            return changed.Error;
        }

        try
        {
            return await charts.ReplaceAsync(changed.Value, etag, ct);
        }
        catch (DocumentStaleException)
        {
            return new Error.Stale("This chart was changed meanwhile (on another device?). Reload it and try again.");
        }
    }

    private static Error.Invalid? Check(ChartContent content, Chart chart, ChartTemplate? template)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (fieldId, value) in content.Fields ?? new Dictionary<string, string>())
        {
            // A field the chart already holds stays writable when its template has since dropped it.
            if (template is not null && template.Fields.All(f => f.Id != fieldId) && !chart.Fields.ContainsKey(fieldId))
            {
                errors[$"fields.{fieldId}"] = ["This template has no such field."];
            }
            else if (value is null || value.Length > 10_000 || !PlainText.IsText(value))
            {
                errors[$"fields.{fieldId}"] = ["Plain text, at most 10,000 characters."];
            }
        }

        foreach (var (name, value) in new[] { ("internalNotes", content.InternalNotes), ("afterCare", content.AfterCare) })
        {
            if (value is not null && (value.Length > 10_000 || !PlainText.IsText(value)))
            {
                errors[name] = ["Plain text, at most 10,000 characters."];
            }
        }

        if (content.Map is { } map)
        {
            // The chart's own treatment, kept from its start: editing the template later never drops the lot a recall needs.
            var validation = new FaceMapValidator(ChartTemplate.RecalledByLot(chart.Treatment)).Validate(map);
            foreach (var failure in validation.Errors)
            {
                errors["map." + FieldErrors.ToJsonPath(failure.PropertyName)] = [failure.ErrorMessage];
            }
        }

        return errors.Count == 0 ? null : new Error.Invalid(errors);
    }

    private static ChartContent Tidy(ChartContent content) => content with
    {
        Fields = content.Fields?.ToDictionary(f => f.Key, f => f.Value.Trim(), StringComparer.Ordinal),
        InternalNotes = string.IsNullOrWhiteSpace(content.InternalNotes) ? null : content.InternalNotes.Trim(),
        AfterCare = string.IsNullOrWhiteSpace(content.AfterCare) ? null : content.AfterCare.Trim(),
    };
}
