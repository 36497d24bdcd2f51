using System.Text.Json.Serialization;
using MedSpa.Core.Messaging;
using MedSpa.Core.Patients;

namespace MedSpa.Functions.Messaging;

/// <summary>
/// The clinic's own words for its messages to patients (admins): the templates and languages (GET/PUT with their
/// version), every kind of message with its variables and MedSpa's words (the catalog), and a preview of words with
/// sample values before they are saved.
/// </summary>
public sealed class MessageTemplateFunctions(MessageTemplateStore templates)
{
    [Function("GetMessageTemplates")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinic/message-templates")] HttpRequest request, FunctionContext context) =>
        SettingsDoorway.ReadAsync(request, templates, context.GetCaller().TenantId, MessageTemplatesContract.From, context.CancellationToken);

    [Function("UpdateMessageTemplates")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "clinic/message-templates")] HttpRequest request, FunctionContext context) =>
        SettingsDoorway.SaveAsync(request, context, templates, (MessageTemplatesContract body) => body.ToSettings(), MessageTemplatesContract.From);

    [Function("MessageCatalog")]
    [CallableBy(Role.Admin)]
    public IActionResult Catalog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinic/message-templates/catalog")] HttpRequest request, FunctionContext context) =>
        Responses.Json(new JsonObject
        {
            ["items"] = new JsonArray([.. MessageCatalog.All.Select(e => (JsonNode)new JsonObject
            {
                ["kind"] = WireNames.Of(e.Kind),
                ["name"] = e.Name,
                ["variables"] = new JsonArray([.. e.Variables.Select(v => (JsonNode)v)]),
                ["subject"] = e.Subject,
                ["email"] = e.Email,
                ["sms"] = e.Sms,
            })]),
        });

    [Function("PreviewMessageTemplate")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> Preview([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "clinic/message-templates/preview")] HttpRequest request, FunctionContext context) =>
        RequestBody.HandleAsync<PreviewRequest>(request, context, body =>
            Responses.From(MessageCatalog.PreviewOf(body.Kind, body.Channel, body.Subject, body.Body, body.Language), p => Responses.Json(new JsonObject
            {
                ["subject"] = p.Subject,
                ["body"] = p.Body,
                ["characters"] = p.Characters,
                ["segments"] = p.Segments,
                ["unknownVariables"] = new JsonArray([.. p.UnknownVariables.Select(v => (JsonNode)v)]),
            })));

    public sealed record PreviewRequest([property: JsonRequired] MessageKind Kind, [property: JsonRequired] CommunicationChannel Channel, string? Subject, [property: JsonRequired] string Body,
        string? Language = null);
}

/// <summary>The templates on the wire: languages and templates both required, so a save cannot drop one the client left out.</summary>
public sealed record MessageTemplatesContract([property: JsonRequired] IReadOnlyList<string> Languages, [property: JsonRequired] IReadOnlyList<MessageTemplateContract> Templates,
    bool BirthdayGreetings = false)
{
    public MessageTemplateSettings ToSettings() => new()
    {
        Languages = Languages,
        BirthdayGreetings = BirthdayGreetings,
        Templates = [.. Templates.Select(t => t is null ? null! : new MessageTemplate(t.Kind, t.Channel, t.Language, t.Subject, t.Body))],
    };

    public static MessageTemplatesContract From(MessageTemplateSettings s) =>
        new(s.Languages, [.. s.Templates.Select(t => new MessageTemplateContract(t.Kind, t.Channel, t.Language, t.Subject, t.Body))], s.BirthdayGreetings);
}

public sealed record MessageTemplateContract(
    [property: JsonRequired] MessageKind Kind,
    [property: JsonRequired] CommunicationChannel Channel,
    [property: JsonRequired] string Language,
    string? Subject,
    [property: JsonRequired] string Body);
