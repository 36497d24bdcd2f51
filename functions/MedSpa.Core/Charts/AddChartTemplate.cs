namespace MedSpa.Core.Charts;

/// <summary>A clinic's own template (its fields, defaults, quick phrases and smart fields), beside the built-in ones.</summary>
public sealed class AddChartTemplate(ChartStore charts, TimeProvider clock)
{
    public async Task<Result<Document<ChartTemplate>>> AddAsync(Caller caller, ChartTemplateContent content, CancellationToken ct = default)
    {
        var validation = await ChartTemplateContentValidator.Instance.ValidateAsync(content, ct);
        if (!validation.IsValid)
        {
            return FieldErrors.From(validation);
        }

        var template = new ChartTemplate($"template-{Guid.NewGuid():N}", caller.TenantId, content.Name.Trim(), content.Treatment, content.Diagram,
            content.TrimmedFields, BuiltIn: false, clock.GetUtcNow());
        return await charts.AddTemplateAsync(template, ct);
    }
}
