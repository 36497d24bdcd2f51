namespace MedSpa.Core.Charts;

/// <summary>
/// An admin changes one of the clinic's own templates (the built-in ones never change: a clinic copies one into its
/// own), with the version their page read. Charts already started keep the values they hold; a field taken out of the
/// template still shows on them.
/// </summary>
public sealed class EditChartTemplate(ChartStore charts)
{
    public async Task<Result<Document<ChartTemplate>>> EditAsync(Caller caller, string id, ChartTemplateContent content, string? ifMatch, CancellationToken ct = default)
    {
        if (BuiltInChartTemplates.Find(id) is not null)
        {
            return new Error.Conflict("The built-in templates do not change: copy this one into a template of the clinic's own and change that.");
        }

        if (await charts.OwnTemplateAsync(caller.TenantId, id, ct) is not { } found)
        {
            return new Error.NotFound($"No chart template with id '{id}' in this clinic.");
        }

        var validation = await ChartTemplateContentValidator.Instance.ValidateAsync(content, ct);
        if (!validation.IsValid)
        {
            return FieldErrors.From(validation);
        }

        if (string.IsNullOrEmpty(ifMatch))
        {
            return new Error.VersionRequired("This page's copy of the template is out of date. Reload it and try again.");
        }

        try
        {
            return await charts.ReplaceTemplateAsync(found.Body with { Name = content.Name.Trim(), Treatment = content.Treatment, Diagram = content.Diagram, Fields = content.TrimmedFields }, ifMatch, ct);
        }
        catch (DocumentStaleException)
        {
            return new Error.Stale("Someone else changed this template meanwhile. Reload it to see their version.");
        }
    }
}
