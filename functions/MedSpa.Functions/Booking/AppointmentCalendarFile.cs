namespace MedSpa.Functions.Booking;

/// <summary>
/// "Add to calendar": one appointment as a .ics file, for whoever may read the appointment itself (the same rule as
/// GET /api/booking/appointments/{id}): the patient their own, the practitioner theirs, the desk and admins any.
/// </summary>
public sealed class AppointmentCalendarFile(AppointmentAccess access, ClinicSetupStore setupReader, ClinicStore clinics)
{
    [Function("AppointmentCalendarFile")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/appointments/{id}/calendar.ics")] HttpRequest request, string id, FunctionContext context)
    {
        var caller = context.GetCaller();
        var found = await access.GetAsync(new Booker(caller.TenantId, caller), id, context.CancellationToken);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error);
        }

        var appointment = found.Value.Body;
        var setup = await setupReader.LoadAsync(caller.TenantId, context.CancellationToken);
        var clinic = await clinics.FindAsync(caller.TenantId, context.CancellationToken);
        var entry = AppointmentCalendarEntry.For(appointment, setup, clinic?.Name);

        var headers = request.HttpContext.Response.Headers;
        headers.ContentDisposition = $"attachment; filename=\"appointment-{appointment.StartTime.UtcDateTime:yyyyMMdd}.ics\"";
        headers.CacheControl = "private, no-store";
        return new ContentResult { Content = AppointmentIcs.Write(entry), ContentType = AppointmentIcs.ContentType, StatusCode = StatusCodes.Status200OK };
    }
}
