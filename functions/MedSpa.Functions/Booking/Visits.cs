using System.Text.Json.Nodes;
using MedSpa.Core.Access;
using MedSpa.Core.Booking;
using MedSpa.Core.Common;
using MedSpa.Core.Setup;
using MedSpa.Functions.Access;
using MedSpa.Functions.Http;
using MedSpa.Functions.Orchestrations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MedSpa.Functions.Booking;

/// <summary>A multi-service visit: several services back to back, booked all or nothing.</summary>
public sealed class Visits(BookVisit visits, ClinicSetupReader setupReader, Events.DomainEventPublisher events)
{
    [Function("BookVisit")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> Book(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "booking/visits")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var body = await RequestBody.ReadAsync<VisitRequest>(request, context.CancellationToken);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Error);
        }

        var caller = context.GetCaller();
        var booked = await visits.BookAsync(new Booker(caller.TenantId, caller), body.Value, context.CancellationToken);
        if (!booked.IsSuccess)
        {
            return Problems.From(booked.Error);
        }

        await events.PublishAsync(client, context.CancellationToken);

        var setup = await setupReader.LoadAsync(caller.TenantId, context.CancellationToken);
        return Responses.Json(new JsonObject
        {
            ["visitId"] = booked.Value[0].VisitId,
            ["appointments"] = new JsonArray([.. booked.Value.Select(a => (JsonNode)BookingJson.Appointment(new Document<Appointment>(a.Id, caller.TenantId, a, ""), setup, context))]),
        }, StatusCodes.Status201Created);
    }
}
