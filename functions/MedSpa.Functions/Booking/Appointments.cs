namespace MedSpa.Functions.Booking;

/// <summary>Booking, changing and cancelling appointments (patients for themselves, staff on a patient's behalf).</summary>
public sealed class Appointments(
    BookAppointment booking,
    AppointmentAccess access,
    CancelAppointment cancel,
    RescheduleAppointment reschedule,
    AppointmentStore book,
    ClinicSetupStore setupReader,
    Events.DomainEventPublisher events,
    TimeProvider clock)
{
    public sealed record RescheduleRequest(string? StartTime, string? PractitionerId, string? Notes);

    [Function("ValidateBooking")]
    [SignedIn]
    public async Task<IActionResult> Validate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "booking/validate-booking")] HttpRequest request, FunctionContext context)
    {
        var read = await ReadAsync(request, context);
        if (!read.IsSuccess)
        {
            return Problems.From(read.Error);
        }

        var (booker, body) = read.Value;

        var plan = await booking.ValidateAsync(booker, body, context.CancellationToken);
        return Responses.From(plan, p => Responses.Json(new
        {
            Ok = true,
            p.PractitionerId,
            DepositAmount = p.Deposit,
            Status = Appointment.Wire(p.Status),
        }));
    }

    [Function("CreateAppointment")]
    [SignedIn]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "booking/appointments")] HttpRequest request,
        [Microsoft.Azure.Functions.Worker.DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client,
        FunctionContext context)
    {
        var read = await ReadAsync(request, context);
        if (!read.IsSuccess)
        {
            return Problems.From(read.Error);
        }

        var (booker, body) = read.Value;

        var booked = await booking.BookAsync(booker, body, context.CancellationToken);
        if (!booked.IsSuccess)
        {
            return Problems.From(booked.Error);
        }

        await events.PublishAsync(client, context.CancellationToken);

        var document = await book.GetAsync(booker.TenantId, booked.Value.Id, context.CancellationToken)
            ?? throw new InvalidOperationException($"Appointment {booked.Value.Id} was just booked but cannot be read back.");
        return BookingJson.Item(request, document, await setupReader.LoadAsync(booker.TenantId, context.CancellationToken), context, StatusCodes.Status201Created);
    }

    [Function("GetAppointment")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/appointments/{id}")] HttpRequest request, string id, FunctionContext context)
    {
        var booker = BookerOf(context);
        var found = await access.GetAsync(booker, id, context.CancellationToken);
        return await BookingJson.ItemAsync(request, found, setupReader, context);
    }

    [Function("RescheduleAppointment")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> Reschedule(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "booking/appointments/{id}")] HttpRequest request,
        string id,
        [Microsoft.Azure.Functions.Worker.DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client,
        FunctionContext context)
    {
        return await RequestBody.HandleAsync<RescheduleRequest>(request, context, async body =>
        {
            var booker = BookerOf(context);
            var moved = await reschedule.RescheduleAsync(booker, id, body.StartTime, body.PractitionerId, body.Notes, Responses.IfMatch(request), context.CancellationToken);
            await events.PublishAsync(client, context.CancellationToken);
            return await BookingJson.ItemAsync(request, moved, setupReader, context);
        });
    }

    [Function("CancelAppointment")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "booking/appointments/{id}")] HttpRequest request,
        string id,
        [Microsoft.Azure.Functions.Worker.DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client,
        FunctionContext context)
    {
        var booker = BookerOf(context);
        var cancelled = await cancel.CancelAsync(booker, id, Query.Text(request, "reason"), context.CancellationToken);
        await events.PublishAsync(client, context.CancellationToken);
        return await BookingJson.ItemAsync(request, cancelled, setupReader, context);
    }

    [Function("MyAppointments")]
    [CallableBy(Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> Mine([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/my-appointments")] HttpRequest request, FunctionContext context)
    {
        var caller = context.GetCaller();
        var now = clock.GetUtcNow();
        var setup = await setupReader.LoadAsync(caller.TenantId, context.CancellationToken);
        var all = await book.PatientDocumentsAsync(caller.TenantId, caller.PatientId ?? "-", context.CancellationToken);
        var tabs = PatientAppointments.Of(all, now);
        JsonArray Of(IEnumerable<Document<Appointment>> items) => new([.. items.Select(a => (JsonNode)BookingJson.Appointment(a, setup, context))]);
        return Responses.Json(new JsonObject { ["upcoming"] = Of(tabs.Upcoming), ["past"] = Of(tabs.Past), ["cancelled"] = Of(tabs.Cancelled) });
    }

    /// <summary>Signed-in but unlinked people may book for themselves in the clinic they name (self-registration).</summary>
    private static Booker BookerOf(FunctionContext context, HttpRequest? request = null)
    {
        var caller = context.FindCaller();
        var origin = request is null ? null : RequestOrigin.Of(request);
        return caller is not null
            ? new Booker(caller.TenantId, caller, Origin: origin)
            : new Booker(request is null ? "" : Query.Text(request, "clinicId") ?? "", null, context.FindSignedInUser()?.Email, origin);
    }

    private static async Task<Result<(Booker Booker, BookingRequest Body)>> ReadAsync(HttpRequest request, FunctionContext context)
    {
        var booker = BookerOf(context, request);
        if (booker.TenantId.Length is 0 or > 100)
        {
            return Clinic.RequiredError;
        }

        return (await RequestBody.ReadAsync<BookingRequest>(request, context.CancellationToken)).Map(body => (booker, body));
    }
}
