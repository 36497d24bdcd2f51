using System.Text.Json.Serialization;
using MedSpa.Core.Billing;
using MedSpa.Core.Memberships;

namespace MedSpa.Functions.Memberships;

/// <summary>
/// Memberships: the plans the clinic sells (to anyone signed in to the clinic), a patient's memberships (the desk,
/// admins, the patient), joining a plan (first period charged to the card on file) and cancelling.
/// </summary>
public sealed class MembershipFunctions(BillingSettingsStore settings, ReadMemberships read, JoinMembership join, CancelMembership cancel, Events.DomainEventPublisher events)
{
    [Function("GetMembershipPlans")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    public async Task<IActionResult> Plans([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "membership-plans")] HttpRequest request, FunctionContext context) =>
        Responses.Json(new JsonObject
        {
            ["items"] = new JsonArray([.. (await settings.GetAsync(context.GetCaller().TenantId, context.CancellationToken)).Body.MembershipPlans.Select(p => (JsonNode)PlanJson(p))]),
        });

    [Function("GetPatientMemberships")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> ForPatient([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/memberships")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await read.ForPatientAsync(context.GetCaller(), id, context.CancellationToken),
            views => Responses.Json(new JsonObject { ["items"] = new JsonArray([.. views.Select(v => (JsonNode)Json(v.Membership, v.Owed, v.OwedInvoiceId, v.Benefits))]) }));

    [Function("JoinMembership")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    public Task<IActionResult> Join(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "memberships")] HttpRequest request,
        [Microsoft.Azure.Functions.Worker.DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client,
        FunctionContext context) =>
        RequestBody.HandleKeyedAsync<JoinMembershipContract>(request, context, () => Task.FromResult<Error?>(null), b => b.IdempotencyKey, async body =>
        {
            var joined = await join.JoinAsync(context.GetCaller(), new JoinRequest(body.PatientId, body.PlanId, body.IdempotencyKey), context.CancellationToken);
            await events.PublishAsync(client, context.CancellationToken);
            return Responses.From(joined, m => Responses.Json(Json(m, 0, null, null)));
        });

    [Function("CancelMembership")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    public async Task<IActionResult> Cancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "memberships/{id}/cancel")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await cancel.CancelAsync(context.GetCaller(), id, context.CancellationToken), m => Responses.Json(Json(m, 0, null, null)));

    private static JsonObject PlanJson(MembershipPlan plan) => new()
    {
        ["id"] = plan.Id,
        ["name"] = plan.Name,
        ["price"] = new JsonObject { ["amount"] = plan.Price.Amount, ["currency"] = plan.Price.Currency },
        ["interval"] = WireNames.Of(plan.Interval),
        ["benefits"] = plan.Benefits,
    };

    private static JsonObject Json(Membership m, long owed, string? owedInvoiceId, string? benefits) => new()
    {
        ["id"] = m.Id,
        ["patientId"] = m.PatientId,
        ["planId"] = m.PlanId,
        ["planName"] = m.PlanName,
        ["price"] = new JsonObject { ["amount"] = m.Price.Amount, ["currency"] = m.Price.Currency },
        ["interval"] = WireNames.Of(m.Interval),
        ["status"] = WireNames.Of(m.Status),
        ["joinedAt"] = m.JoinedAt,
        ["paidThrough"] = m.PaidThrough,
        ["nextChargeAt"] = m.NextChargeAt,
        ["failedAttempts"] = m.FailedAttempts,
        ["lastFailure"] = m.LastFailure,
        ["endedAt"] = m.EndedAt,
        ["owed"] = owed,
        ["owedInvoiceId"] = owedInvoiceId,
        ["benefits"] = benefits,
    };
}

/// <summary>POST /api/memberships: who joins (a patient: themselves), which plan, and a key so a retry joins once.</summary>
public sealed record JoinMembershipContract([property: JsonRequired] string PatientId, string? PlanId, [property: JsonRequired] string IdempotencyKey);

/// <summary>Every hour: memberships due for a charge (a new period, or a retry after a decline) are charged.</summary>
public sealed class RenewMembershipsTimer(RenewDueMemberships renew, Events.DomainEventPublisher events)
{
    [Function("RenewMemberships")]
    public async Task Run(
        [TimerTrigger("0 17 * * * *")] TimerInfo timer,
        [Microsoft.Azure.Functions.Worker.DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client,
        FunctionContext context)
    {
        await renew.RunAsync(context.CancellationToken);
        await events.PublishAsync(client, context.CancellationToken);
    }
}
