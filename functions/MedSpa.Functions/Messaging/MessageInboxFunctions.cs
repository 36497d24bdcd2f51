using MedSpa.Core.Messaging;

namespace MedSpa.Functions.Messaging;

/// <summary>The front desk's inbox of patients' texts that need a person (GET), marking one dealt with (POST …/done), and texting back (POST …/reply).</summary>
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

    [Function("ReplyToInboxMessage")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public Task<IActionResult> Reply([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "messages/inbox/{id}/reply")] HttpRequest request, string id, FunctionContext context) =>
        RequestBody.HandleAsync<MessageInbox.ReplyRequest>(request, context, async body =>
            Responses.From(await inbox.ReplyAsync(context.GetCaller(), id, body, context.CancellationToken), m => Responses.Json(Json(m))));

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
        ["replies"] = new JsonArray([.. m.Replies.Select(r => (JsonNode)new JsonObject { ["text"] = r.Text, ["by"] = r.By, ["at"] = r.At })]),
    };
}
