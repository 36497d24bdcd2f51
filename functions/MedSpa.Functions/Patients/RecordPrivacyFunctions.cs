using System.Text.Json.Serialization;
using MedSpa.Core.Patients;

namespace MedSpa.Functions.Patients;

/// <summary>The clinic's record privacy settings: staff read them (the apps show what they allow), admins change them.</summary>
public sealed class RecordPrivacyFunctions(RecordPrivacyStore settings)
{
    [Function("GetRecordPrivacy")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Practitioner)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinic/privacy")] HttpRequest request, FunctionContext context) =>
        SettingsDoorway.ReadAsync(request, settings, context.GetCaller().TenantId, RecordPrivacyContract.From, context.CancellationToken);

    [Function("UpdateRecordPrivacy")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "clinic/privacy")] HttpRequest request, FunctionContext context) =>
        SettingsDoorway.SaveAsync(request, context, settings, (RecordPrivacyContract body) => body.ToSettings(), RecordPrivacyContract.From);
}

/// <summary>The settings on the wire: every one required, so a save cannot reset a setting the client left out.</summary>
public sealed record RecordPrivacyContract([property: JsonRequired] bool DeskSeesClinicalFields)
{
    public RecordPrivacy ToSettings() => new() { DeskSeesClinicalFields = DeskSeesClinicalFields };

    public static RecordPrivacyContract From(RecordPrivacy settings) => new(settings.DeskSeesClinicalFields);
}
