using System.Text.Json.Serialization;
using MedSpa.Core.Patients;

namespace MedSpa.Functions.Patients;

/// <summary>The clinic's record privacy settings: staff read them (the apps show what they allow), admins change them.</summary>
public sealed class RecordPrivacyFunctions(RecordPrivacyStore settings)
{
    [Function("GetRecordPrivacy")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Practitioner)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinic/privacy")] HttpRequest request, FunctionContext context)
    {
        var document = await settings.GetAsync(context.GetCaller().TenantId, context.CancellationToken);
        return Responses.Item(request, document.ETag, RecordPrivacyContract.From(document.Body));
    }

    [Function("UpdateRecordPrivacy")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "clinic/privacy")] HttpRequest request, FunctionContext context)
    {
        return await RequestBody.HandleAsync<RecordPrivacyContract>(request, context, async body =>
        {
            var saved = await settings.UpdateAsync(context.GetCaller().TenantId, body.ToSettings(), Responses.IfMatch(request), context.CancellationToken);
            return Responses.From(saved, d => Responses.Item(request, d.ETag, RecordPrivacyContract.From(d.Body)));
        });
    }
}

/// <summary>The settings on the wire: every one required, so a save cannot reset a setting the client left out.</summary>
public sealed record RecordPrivacyContract([property: JsonRequired] bool DeskSeesClinicalFields)
{
    public RecordPrivacy ToSettings() => new() { DeskSeesClinicalFields = DeskSeesClinicalFields };

    public static RecordPrivacyContract From(RecordPrivacy settings) => new(settings.DeskSeesClinicalFields);
}
