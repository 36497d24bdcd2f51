using MedSpa.Functions.Orchestrations;
using MedSpa.Core.Visits;
using MedSpa.Functions.Booking;

namespace MedSpa.Functions.Visits;

/// <summary>A multi-service visit: several services back to back, booked all or nothing.</summary>
public sealed class VisitFunctions(BookVisit visits, ClinicSetupStore setupReader, Events.DomainEventPublisher events)
{
    [Function("BookVisit")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> Book(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "booking/visits")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        return await RequestBody.HandleAsync<VisitRequest>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var booked = await visits.BookAsync(new Booker(caller.TenantId, caller), body, context.CancellationToken);
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
        });
    }
}
