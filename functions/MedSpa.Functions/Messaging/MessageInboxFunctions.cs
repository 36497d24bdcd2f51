using MedSpa.Core.Messaging;

namespace MedSpa.Functions.Messaging;

/// <summary>The front desk's inbox of patients' texts that need a person (GET), and marking one dealt with (POST …/done).</summary>
public sealed class MessageInboxFunctions(MessageInbox inbox)
{
    [Function("MessageInbox")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    [AuditsReads]
    public async Task<IActionResult> Read([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "messages/inbox")] HttpRequest request, FunctionContext context) =>
        Responses.From(await inbox.ReadAsync(context.GetCaller(), context.CancellationToken), items => Responses.Json(new JsonObject { ["items"] = new JsonArray([.. items.Select(Json)]) }));

    [Function("MarkInboxMessageDone")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public async Task<IActionResult> Done([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "messages/inbox/{id}/done")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await inbox.MarkDoneAsync(context.GetCaller(), id, context.CancellationToken), m => Responses.Json(Json(m)));

    private static JsonNode Json(InboxMessage m) => new JsonObject
    {
        ["id"] = m.Id,
        ["patientId"] = m.PatientId,
        ["patientName"] = m.PatientName,
        ["from"] = m.From,
        ["text"] = m.Text,
        ["reason"] = m.Reason,
        ["at"] = m.At,
        ["done"] = m.Done,
        ["doneBy"] = m.DoneBy,
        ["doneAt"] = m.DoneAt,
    };
}
